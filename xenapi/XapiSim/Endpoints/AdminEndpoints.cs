using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using XapiSim.Faults;
using XapiSim.Gc;

namespace XapiSim.Endpoints;

/// <summary>
/// Test switches (no authentication: bind the simulator to loopback):
/// <list type="bullet">
/// <item><c>GET|POST|DELETE /_sim/faults</c>: list, add (<c>{"call":"VM.start","mode":"fail","count":2,"error":["VM_BAD_POWER_STATE",...]}</c>
/// or <c>{"call":"VM.start","mode":"delay","delayMs":500}</c>; count omitted = 1, 0 = until cleared), clear.
/// <c>export_raw_vdi</c> is accepted as a call: see <see cref="ExportFaultMiddleware"/>.</item>
/// <item><c>POST /_sim/sr-full</c> <c>{"full":true|false}</c> (no body = true): SR allocations fail with <c>SR_BACKEND_FAILURE_44</c>.</item>
/// <item><c>GET|POST /_sim/gc</c> <c>{"paused":true|false,"run":true}</c>: GC status, pause/resume, run now ignoring the quiet period.</item>
/// </list>
/// </summary>
public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/_sim");
        group.MapGet("/faults", (FaultRegistry faults) => Results.Ok(faults.Snapshot().Select(ToDto)));
        group.MapPost("/faults", AddFault);
        group.MapDelete("/faults", (FaultRegistry faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        group.MapPost("/sr-full", async (HttpRequest request, SimSwitches switches) =>
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            SrFullRequest? body;
            try
            {
                body = string.IsNullOrWhiteSpace(text) ? null : System.Text.Json.JsonSerializer.Deserialize<SrFullRequest>(text);
            }
            catch (System.Text.Json.JsonException e)
            {
                return Results.BadRequest(new { error = $"body must be {{\"full\": true|false}}: {e.Message}" });
            }

            switches.SrFull = body?.Full ?? true;
            return Results.Ok(new SrFullRequest(switches.SrFull));
        });
        group.MapGet("/gc", (SrGarbageCollector gc) => Results.Ok(gc.Status()));
        group.MapPost("/gc", (GcRequest body, SrGarbageCollector gc) =>
        {
            if (body.Paused is { } paused)
            {
                gc.SetPaused(paused);
            }

            if (body.Run == true)
            {
                gc.RunNow();
            }

            return Results.Ok(gc.Status());
        });
    }

    private static IResult AddFault(FaultRequest body, FaultRegistry faults)
    {
        if (string.IsNullOrWhiteSpace(body.Call)
            || (!body.Call.Contains('.', StringComparison.Ordinal) && body.Call != ExportFaultMiddleware.ExportCall))
        {
            return Results.BadRequest(new { error = "call must name a XenAPI message, e.g. VM.start, or export_raw_vdi" });
        }

        FaultMode mode;
        switch (body.Mode?.ToLowerInvariant())
        {
            case null or "fail": mode = FaultMode.Fail; break;
            case "delay": mode = FaultMode.Delay; break;
            default: return Results.BadRequest(new { error = "mode must be fail or delay" });
        }

        if (body.Count is < 0 || body.DelayMs is < 0 or > 600_000)
        {
            return Results.BadRequest(new { error = "count must be >= 0 and delayMs within 0..600000" });
        }

        var error = body.Error is { Count: > 0 } e ? e : ["INTERNAL_ERROR", $"injected fault on {body.Call}"];
        var rule = new FaultRule(body.Call, mode, body.Count is 0 ? null : body.Count ?? 1, error, TimeSpan.FromMilliseconds(body.DelayMs ?? 0));
        faults.Add(rule);
        return Results.Ok(ToDto(rule));
    }

    private static FaultRequest ToDto(FaultRule r) =>
        new(r.Call, r.Mode.ToString().ToLowerInvariant(), r.Remaining ?? 0, [.. r.Error], (int)r.Delay.TotalMilliseconds);
}
