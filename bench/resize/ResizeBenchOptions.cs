using System.Globalization;

namespace ControlPlane.Bench.Resize;

/// <summary>Command line of the resize benchmark.</summary>
/// <param name="DataMiB">Random data in the instance's root chain (default 1024).</param>
/// <param name="DiskGiB">Root disk size of the old flavor (default 2; the new flavor has one more).</param>
/// <param name="WorkDirectory">Scratch for the image and both simulators' SRs (default a fresh temp directory).</param>
/// <param name="ResultsDirectory">Where the JSON goes (default bench/results).</param>
public sealed record ResizeBenchOptions(int DataMiB, int DiskGiB, string WorkDirectory, string ResultsDirectory)
{
    /// <summary>Usage text.</summary>
    public const string Usage = "ControlPlane.Bench.Resize [--data-mib 1024] [--disk-gib 2] [--work DIR] [--results DIR]";

    /// <summary>Parses <paramref name="args"/>; unknown options are an error.</summary>
    public static ResizeBenchOptions Parse(string[] args)
    {
        var options = new ResizeBenchOptions(1024, 2, Path.Combine(Path.GetTempPath(), "cp-bench-resize-" + Guid.NewGuid().ToString("N")[..8]),
            Path.Combine("bench", "results"));
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value. {Usage}");
            options = args[i] switch
            {
                "--data-mib" => options with { DataMiB = int.Parse(value, CultureInfo.InvariantCulture) },
                "--disk-gib" => options with { DiskGiB = int.Parse(value, CultureInfo.InvariantCulture) },
                "--work" => options with { WorkDirectory = value },
                "--results" => options with { ResultsDirectory = value },
                _ => throw new ArgumentException($"unknown option {args[i]}. {Usage}"),
            };
        }

        if (options.DataMiB <= 0 || (long)options.DataMiB << 20 > (long)options.DiskGiB << 30)
        {
            throw new ArgumentException("--data-mib must be positive and fit in --disk-gib");
        }

        return options;
    }
}
