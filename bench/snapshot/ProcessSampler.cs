namespace ControlPlane.Bench.Snapshot;

/// <summary>
/// Samples VmRSS of named stack services (pids from <c>.run/pids/&lt;name&gt;.pid</c>) every <see cref="Interval"/>
/// until stopped, keeping each one's peak, and the CPU time (user + system) each used meanwhile.
/// A service without a live pid is skipped (0).
/// </summary>
public sealed class ProcessSampler : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly Dictionary<string, int> _pids;
    private readonly Dictionary<string, long> _peakKiB;
    private readonly Dictionary<string, long> _startTicks;
    private readonly Dictionary<string, double> _cpuSeconds = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly TimeProvider _time;

    public ProcessSampler(string runDirectory, IEnumerable<string> services, TimeProvider time)
    {
        _time = time;
        _pids = services.Distinct().ToDictionary(s => s, s => ReadPid(runDirectory, s));
        _peakKiB = _pids.Keys.ToDictionary(s => s, _ => 0L);
        _startTicks = _pids.ToDictionary(p => p.Key, p => CpuTicks(p.Value));
        Sample();
        _loop = RunAsync();
    }

    /// <summary>USER_HZ: 100 on every Linux the stack runs on.</summary>
    public const int ClockTicksPerSecond = 100;

    public int Samples { get; private set; }

    /// <summary>CPU seconds (user + system) each service used between the start and <see cref="StopAsync"/>.</summary>
    public IReadOnlyDictionary<string, double> CpuSeconds => _cpuSeconds;

    /// <summary>Stops sampling and returns each service's peak VmRSS in MiB.</summary>
    public async Task<IReadOnlyDictionary<string, double>> StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            await _loop;
            Sample();
            foreach (var (service, pid) in _pids)
            {
                _cpuSeconds[service] = pid > 0 ? Math.Round((CpuTicks(pid) - _startTicks[service]) / (double)ClockTicksPerSecond, 2) : 0;
            }
        }
        return _peakKiB.ToDictionary(p => p.Key, p => Math.Round(p.Value / 1024.0, 1));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    /// <summary>Current VmRSS of a service in KiB, or 0 when it is not running.</summary>
    public static long ReadRssKiB(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0]);
                }
            }
        }
        catch (IOException)
        {
            // The process exited between samples.
        }
        return 0;
    }

    /// <summary>utime + stime of a process in clock ticks (0 when it is gone).</summary>
    public static long CpuTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11]) + long.Parse(fields[12]);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public static int ReadPid(string runDirectory, string service)
    {
        var file = Path.Combine(runDirectory, "pids", service + ".pid");
        return File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out var pid) && Directory.Exists($"/proc/{pid}") ? pid : 0;
    }

    private async Task RunAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(Interval, _time, _stop.Token);
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Sample()
    {
        foreach (var (service, pid) in _pids)
        {
            if (pid > 0)
            {
                _peakKiB[service] = Math.Max(_peakKiB[service], ReadRssKiB(pid));
            }
        }
        Samples++;
    }
}
