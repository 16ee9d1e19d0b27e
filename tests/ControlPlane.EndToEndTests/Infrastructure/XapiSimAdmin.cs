using System.Text;
using System.Text.Json.Nodes;

namespace ControlPlane.EndToEndTests.Infrastructure;

/// <summary>The admin switches of one XapiSim host (<c>/_sim/gc</c>, <c>/_sim/faults</c>; see xenapi/XapiSim/README.md).</summary>
public sealed class XapiSimAdmin(Uri host) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = host, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Pauses or resumes the SR garbage collector (coalesce and garbage deletion).</summary>
    public Task SetGcPausedAsync(bool paused) => PostAsync("/_sim/gc", new JsonObject { ["paused"] = paused });

    /// <summary>Runs the GC now, skipping its quiet period.</summary>
    public Task RunGcAsync() => PostAsync("/_sim/gc", new JsonObject { ["run"] = true });

    /// <summary>Every <c>export_raw_vdi</c> from now on pauses <paramref name="pausePerMiB"/> after each MiB it sends.</summary>
    public Task SlowExportsAsync(TimeSpan pausePerMiB) => PostAsync("/_sim/faults", new JsonObject
    {
        ["call"] = "export_raw_vdi",
        ["mode"] = "delay",
        ["delayMs"] = (int)pausePerMiB.TotalMilliseconds,
        ["count"] = 0,
    });

    /// <summary>The next call of <paramref name="call"/> (e.g. <c>VM.clean_shutdown</c>) is held for <paramref name="delay"/>.</summary>
    public Task DelayNextCallAsync(string call, TimeSpan delay) => PostAsync("/_sim/faults", new JsonObject
    {
        ["call"] = call,
        ["mode"] = "delay",
        ["delayMs"] = (int)delay.TotalMilliseconds,
        ["count"] = 1,
    });

    public async Task ClearFaultsAsync()
    {
        using var response = await http.DeleteAsync("/_sim/faults");
        response.EnsureSuccessStatusCode();
    }

    private async Task PostAsync(string path, JsonObject body)
    {
        using var response = await http.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} {body.ToJsonString()} returned {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public void Dispose() => http.Dispose();
}
