using System.Text;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using XapiSim.Dispatch;
using XapiSim.Options;

namespace XapiSim.Endpoints;

/// <summary>XML-RPC at <c>POST /</c> and <c>POST /RPC2</c>, answering in XAPI's style (untyped strings and ints,
/// <c>{Status, Value | ErrorDescription}</c>); only a malformed body gets HTTP 500.</summary>
public sealed class XmlRpcEndpoint(SimDispatcher dispatcher, IOptions<SimOptions> options)
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
        try
        {
            (method, args) = XmlRpcReader.MethodCall(Encoding.UTF8.GetString(body));
        }
        catch (XenApiProtocolException e)
        {
            return RequestBody.Malformed($"Xmlrpc.Parse_error: {e.Message}");
        }

        string xml;
        try
        {
            var value = await dispatcher.DispatchAsync(method, args, context.RequestAborted);
            xml = XmlRpcWriter.SuccessResponse(value ?? "", XmlRpcScalarStyle.Untyped);
        }
        catch (XenApiFailure f)
        {
            xml = XmlRpcWriter.FailureResponse(f.ErrorDescription, XmlRpcScalarStyle.Untyped);
        }

        context.Response.Headers.AccessControlAllowOrigin = "*";
        return Results.Content(xml, "text/xml", Encoding.UTF8);
    }
}
