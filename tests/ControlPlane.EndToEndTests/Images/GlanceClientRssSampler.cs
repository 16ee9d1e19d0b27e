namespace ControlPlane.EndToEndTests.Images;

/// <summary>
/// Samples a process's resident set (<c>VmRSS</c> of <c>/proc/&lt;pid&gt;/status</c>) on a fixed
/// period until disposed, keeping the peak. Sampling (not <c>VmHWM</c>) measures only the window of
/// interest, whatever the process did before.
/// </summary>
public sealed class GlanceClientRssSampler : IAsyncDisposable
{
    private readonly string statusPath;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private long peakKib;
    private int samples;

    private GlanceClientRssSampler(int pid, TimeSpan period)
    {
        statusPath = $"/proc/{pid}/status";
        Sample();
        loop = RunAsync(period);
    }

    /// <summary>Highest VmRSS seen so far, in bytes.</summary>
    public long PeakBytes => Interlocked.Read(ref peakKib) * 1024;

    /// <summary>Samples taken so far.</summary>
    public int Samples => Volatile.Read(ref samples);

    /// <summary>Starts sampling <paramref name="pid"/> every <paramref name="period"/>; fails when the process is not there.</summary>
    public static GlanceClientRssSampler Start(int pid, TimeSpan period)
    {
        if (!File.Exists($"/proc/{pid}/status"))
        {
            throw new InvalidOperationException($"process {pid} is not running");
        }
        return new GlanceClientRssSampler(pid, period);
    }

    /// <summary>Takes one more sample now (e.g. right after the work ends) and stops the loop.</summary>
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        Sample();
        stop.Dispose();
    }

    private async Task RunAsync(TimeSpan period)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private void Sample()
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(statusPath);
        }
        catch (IOException)
        {
            return;
        }
        foreach (var line in lines)
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kib = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                if (kib > Interlocked.Read(ref peakKib))
                {
                    Interlocked.Exchange(ref peakKib, kib);
                }
                Interlocked.Increment(ref samples);
                return;
            }
        }
    }
}
