using System.Text.Json;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using XapiSim.Dispatch;
using XapiSim.Options;

namespace XapiSim.Endpoints;

/// <summary>JSON-RPC at <c>POST /jsonrpc</c>: v1 (<c>error</c> = [code, params]) or v2 (<c>"jsonrpc":"2.0"</c>,
/// <c>error</c> = {code: 1, message: code, data: params}); a missing or null <c>id</c> is HTTP 500.</summary>
public sealed class JsonRpcEndpoint(SimDispatcher dispatcher, IOptions<SimOptions> options)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var body = await RequestBody.ReadAsync(context.Request, options.Value.MaxRequestBytes, context.RequestAborted);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        string method;
        List<object?> args;
        JsonElement id;
        bool v2;
        try
        {
            using var doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("method", out var m) || m.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("id", out var idElement) || idElement.ValueKind is not (JsonValueKind.Number or JsonValueKind.String))
            {
                return RequestBody.Malformed("Jsonrpc.Malformed_method_request");
            }

            v2 = root.TryGetProperty("jsonrpc", out var version);
            if (v2 && (version.ValueKind != JsonValueKind.String || version.GetString() != "2.0"))
            {
                return RequestBody.Malformed("Jsonrpc.Malformed_method_request: jsonrpc must be \"2.0\"");
            }

            method = m.GetString()!;
            id = idElement.Clone();
            args = !root.TryGetProperty("params", out var p) ? []
                : p.ValueKind == JsonValueKind.Array ? p.EnumerateArray().Select(JsonRpcValues.Read).ToList()
                : [JsonRpcValues.Read(p)];
        }
        catch (JsonException e)
        {
            return RequestBody.Malformed($"Jsonrpc.Malformed_method_request: {e.Message}");
        }

        object? result = null;
        XenApiFailure? failure = null;
        try
        {
            result = await dispatcher.DispatchAsync(method, args, context.RequestAborted);
        }
        catch (XenApiFailure f)
        {
            failure = f;
        }

        context.Response.Headers.AccessControlAllowOrigin = "*";
        return Results.Bytes(Write(v2, id, result ?? "", failure), "application/json");
    }

    private static byte[] Write(bool v2, JsonElement id, object? result, XenApiFailure? failure)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            if (v2)
            {
                w.WriteString("jsonrpc", "2.0");
            }

            if (failure is null)
            {
                w.WritePropertyName("result");
                JsonRpcValues.Write(w, result);
                if (!v2)
                {
                    w.WriteNull("error");
                }
            }
            else if (v2)
            {
                w.WriteStartObject("error");
                w.WriteNumber("code", 1);
                w.WriteString("message", failure.Code);
                w.WritePropertyName("data");
                JsonRpcValues.Write(w, failure.Parameters);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("result");
                w.WritePropertyName("error");
                JsonRpcValues.Write(w, failure.ErrorDescription);
            }

            w.WritePropertyName("id");
            id.WriteTo(w);
            w.WriteEndObject();
        }

        return ms.ToArray();
    }
}
