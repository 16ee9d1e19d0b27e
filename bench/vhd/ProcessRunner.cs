using System.Diagnostics;
using System.Globalization;

namespace ControlPlane.Bench.Vhd;

/// <summary>Runs external processes; timed runs go through GNU time (/usr/bin/time -v) for the peak RSS when it exists.</summary>
public static class ProcessRunner
{
    private const string GnuTime = "/usr/bin/time";

    public sealed record Result(int ExitCode, string Stdout, string Stderr, double Seconds, long? PeakRssKiB);

    public static Result Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        double seconds = clock.Elapsed.TotalSeconds;
        return new Result(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult(), seconds, null);
    }

    public static Result MustRun(string file, params string[] args)
    {
        Result result = Run(file, args);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}");
        }

        return result;
    }

    /// <summary>Runs under GNU time -v when available: the RSS is then the process's maximum resident set size.</summary>
    public static Result Timed(string file, params string[] args)
    {
        if (!File.Exists(GnuTime))
        {
            return MustRun(file, args);
        }

        Result result = MustRun(GnuTime, ["-v", file, .. args]);
        long? rss = null;
        foreach (string line in result.Stderr.Split('\n'))
        {
            string trimmed = line.Trim();
            if (trimmed.StartsWith("Maximum resident set size (kbytes):", StringComparison.Ordinal))
            {
                rss = long.Parse(trimmed.Split(':')[1].Trim(), CultureInfo.InvariantCulture);
            }
        }

        return result with { PeakRssKiB = rss };
    }
}
