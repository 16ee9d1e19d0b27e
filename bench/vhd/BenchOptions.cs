namespace ControlPlane.Bench.Vhd;

/// <summary>Command-line options of the VHD benchmark.</summary>
public sealed record BenchOptions
{
    /// <summary>Disk sizes to run, in bytes. Default 256 MiB and 1 GiB (flat memory is shown by comparing them).</summary>
    public IReadOnlyList<long> Sizes { get; init; } = [256L << 20, 1L << 30];

    /// <summary>Seed of the random data and of the choice of child blocks. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Scratch directory for the disks. Default: a new directory under the system temp path.</summary>
    public string WorkDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "vhd-bench-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Where the JSON goes. Default: bench/results of the repository containing the working directory.</summary>
    public string ResultsDirectory { get; init; } = DefaultResults();

    /// <summary>Repetitions of every timed operation; the median is reported. Default 3.</summary>
    public int Repeat { get; init; } = 3;

    /// <summary>Keep the scratch files. Default false.</summary>
    public bool Keep { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--sizes" => options with { Sizes = Next().Split(',').Select(ParseSize).ToArray() },
                "--seed" => options with { Seed = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--work" => options with { WorkDirectory = Next() },
                "--results" => options with { ResultsDirectory = Next() },
                "--repeat" => options with { Repeat = Math.Max(1, int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture)) },
                "--keep" => options with { Keep = true },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return options;
    }

    public static long ParseSize(string text)
    {
        int shift = char.ToUpperInvariant(text[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, _ => 0 };
        string digits = shift == 0 ? text : text[..^1];
        return long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) << shift;
    }

    private static string DefaultResults()
    {
        for (DirectoryInfo? d = new(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "ControlPlane.sln")))
            {
                return Path.Combine(d.FullName, "bench", "results");
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "bench", "results");
    }
}
