using System.Text.Json;

namespace ControlPlane.Bench.Snapshot;

/// <summary>
/// The compute host a server landed on and its simulated XenServer: <c>computeN</c> drives <c>xapisimN</c> on port 8400+N
/// (deploy/lib/stack.sh). Pid files are named after the services.
/// </summary>
public sealed record StackHost(string ComputeService, string SimService, string SimUrl)
{
    public static StackHost FromComputeHost(string host)
    {
        if (!host.StartsWith("compute", StringComparison.Ordinal) || !int.TryParse(host["compute".Length..], out var n))
        {
            throw new InvalidOperationException($"unexpected compute host name '{host}' (deploy/up names them computeN)");
        }
        return new StackHost(host, "xapisim" + n, $"http://127.0.0.1:{8400 + n}");
    }

    /// <summary>
    /// Waits (up to <paramref name="deadline"/>) until the host's XapiSim GC has nothing pending (or is paused) and the
    /// XapiSim, compute and imagestore processes together used under 10% of one CPU over the last half second, so a
    /// measurement does not share the CPUs with a coalesce or a late cleanup; returns the seconds waited, or null when it never settled.
    /// </summary>
    public async Task<double?> WaitQuietAsync(HttpClient http, string runDirectory, TimeSpan deadline, TimeProvider time)
    {
        var pids = new[] { ComputeService, SimService, "imagestore" }.Select(s => ProcessSampler.ReadPid(runDirectory, s)).Where(p => p > 0).ToArray();
        var start = time.GetTimestamp();
        while (time.GetElapsedTime(start) < deadline)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync(SimUrl + "/_sim/gc"));
            var root = doc.RootElement;
            var gcQuiet = !root.GetProperty("pending").GetBoolean() || root.GetProperty("paused").GetBoolean();
            var before = pids.Sum(ProcessSampler.CpuTicks);
            var window = time.GetTimestamp();
            await Task.Delay(TimeSpan.FromMilliseconds(500), time);
            var busy = (pids.Sum(ProcessSampler.CpuTicks) - before) / (double)ProcessSampler.ClockTicksPerSecond / time.GetElapsedTime(window).TotalSeconds;
            if (gcQuiet && busy < 0.10)
            {
                return Math.Round(time.GetElapsedTime(start).TotalSeconds, 1);
            }
        }
        return null;
    }
}
