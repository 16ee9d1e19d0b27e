using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using XapiSim.Hosting;

namespace XapiSim.Faults;

/// <summary>
/// Fault rules for the <c>export_raw_vdi</c> HTTP handler (call name <c>export_raw_vdi</c> in <c>/_sim/faults</c>):
/// <c>delay</c> paces the export, the response pausing <c>delayMs</c> after each MiB it sends (so a client can be
/// stopped mid-transfer); <c>fail</c> answers HTTP 500 with the error description before any byte.
/// </summary>
public sealed class ExportFaultMiddleware(RequestDelegate next, FaultRegistry faults, TimeProvider clock, ILogger<ExportFaultMiddleware> logger)
{
    /// <summary>The call name of the export handler's rules.</summary>
    public const string ExportCall = "export_raw_vdi";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Path != "/" + ExportCall || faults.Take(ExportCall) is not { } rule)
        {
            await next(context);
            return;
        }

        SimLog.FaultInjected(logger, ExportCall, rule.Mode.ToString());
        if (rule.Mode == FaultMode.Fail)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsync(string.Join(" ", rule.Error), context.RequestAborted);
            return;
        }

        var original = context.Response.Body;
        await using var paced = new PacedStream(original, rule.Delay, clock, context.RequestAborted);
        context.Response.Body = paced;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
    }
}
