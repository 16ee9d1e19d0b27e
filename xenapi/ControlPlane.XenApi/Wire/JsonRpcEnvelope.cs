using System.Text.Json;
using ControlPlane.XenApi.Errors;

namespace ControlPlane.XenApi.Wire;

/// <summary>JSON-RPC request and response envelopes as XAPI reads and writes them (POST /jsonrpc).</summary>
public static class JsonRpcEnvelope
{
    /// <summary>A request with positional params.</summary>
    public static byte[] Request(string method, IReadOnlyList<object?> args, long id, JsonRpcVersion version)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            if (version == JsonRpcVersion.V2)
            {
                w.WriteString("jsonrpc", "2.0");
            }

            w.WriteString("method", method);
            w.WritePropertyName("params");
            JsonRpcValues.Write(w, args);
            w.WriteNumber("id", id);
            w.WriteEndObject();
        }

        return ms.ToArray();
    }

    /// <summary>Parses a response of either version; failures throw <see cref="XenApiFailure"/>.</summary>
    public static object? Response(ReadOnlySpan<byte> json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new XenApiProtocolException($"malformed JSON-RPC response: {e.Message}", e);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new XenApiProtocolException("JSON-RPC response is not an object");
            }

            if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
            {
                throw Failure(error);
            }

            return root.TryGetProperty("result", out var result)
                ? JsonRpcValues.Read(result)
                : throw new XenApiProtocolException("JSON-RPC response has neither result nor error");
        }
    }

    private static XenApiFailure Failure(JsonElement error)
    {
        switch (error.ValueKind)
        {
            case JsonValueKind.Array:
                return new XenApiFailure(error.EnumerateArray().Select(e => WireConvert.ToStr(JsonRpcValues.Read(e))).ToList());
            case JsonValueKind.Object:
                var code = error.TryGetProperty("message", out var m) ? WireConvert.ToStr(JsonRpcValues.Read(m)) : XenApiErrorCodes.InternalError;
                var data = error.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Array
                    ? d.EnumerateArray().Select(e => WireConvert.ToStr(JsonRpcValues.Read(e))).ToList()
                    : [];
                return new XenApiFailure(code, data);
            default:
                return new XenApiFailure(XenApiErrorCodes.InternalError, [error.ToString()]);
        }
    }
}
