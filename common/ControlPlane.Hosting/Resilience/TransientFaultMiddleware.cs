using Microsoft.AspNetCore.Http;

namespace ControlPlane.Hosting.Resilience;

/// <summary>
/// REST edge of <see cref="TransientFaultPolicy"/>: a safe request (GET, HEAD) that meets a dropped database,
/// broker or cache connection before its response started is run again within the policy's bounds; whatever
/// transient fault is left (and any on other methods, which are never replayed) is rethrown as a
/// <see cref="Domain.Errors.ServiceUnavailableException"/> for the service's error middleware to answer 503 with
/// <c>Retry-After</c> in its own body shape. Register right after (inside) the service's error middleware:
/// <code>app.UseMiddleware&lt;ErrorTranslationMiddleware&gt;(); app.UseTransientFaults();</code>
/// </summary>
public sealed class TransientFaultMiddleware(RequestDelegate next, TransientFaultPolicy policy, TimeProvider timeProvider)
{
    /// <summary>Runs the rest of the pipeline under the policy.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var idempotent = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        var start = timeProvider.GetTimestamp();
        // Headers set before this point (the request id) survive a replay's reset of the response.
        var before = idempotent ? context.Response.Headers.ToList() : [];
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await next(context);
                return;
            }
            catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested
                                      && e is not Domain.Errors.ControlPlaneException && policy.IsTransient(e))
            {
                if (idempotent && policy.ShouldRetry(e, attempt, timeProvider.GetElapsedTime(start), idempotent: true, out var delay))
                {
                    await Task.Delay(delay, timeProvider, context.RequestAborted);
                    context.Response.Clear();
                    foreach (var (name, value) in before)
                    {
                        context.Response.Headers[name] = value;
                    }
                    continue;
                }
                throw policy.AsServiceUnavailable(e)!;
            }
        }
    }
}
