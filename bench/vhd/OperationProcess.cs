using System.Diagnostics;
using System.Globalization;
using ControlPlane.Vhd.Operations;

namespace ControlPlane.Bench.Vhd;

/// <summary>
/// One measured library operation in its own process: prints "seconds bytes vmhwm_kib" so the parent
/// gets a time and this process's peak RSS (VmHWM) untouched by the setup work.
/// </summary>
public static class OperationProcess
{
    public const string Verb = "--op";

    public static int Run(string[] args, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        long bytes = args[0] switch
        {
            "flatten" => WriteTo(args[2], args.Contains("--no-fsync"), s => VhdFlattener.Flatten(args[1], s)),
            "export-raw" => WriteTo(args[2], args.Contains("--no-fsync"), s => VhdRawConverter.ExportRaw(args[1], s)),
            "coalesce" => VhdCoalescer.Coalesce(args[1]) * 512,
            _ => throw new ArgumentException($"unknown operation {args[0]}"),
        };
        double seconds = clock.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{seconds} {bytes} {PeakRssKiB()}"));
        return 0;
    }

    public static long PeakRssKiB()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }

    private static long WriteTo(string path, bool noSync, Func<Stream, long> write)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        long bytes = write(stream);
        stream.Flush(flushToDisk: !noSync);
        return bytes;
    }
}
