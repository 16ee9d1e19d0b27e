namespace ControlPlane.Bench.Snapshot;

/// <summary>Command-line options of the snapshot benchmark.</summary>
/// <param name="ApiUrl">Base URL of the api service (Compute and Identity), default .run/env CP_API_URL or http://127.0.0.1:8774.</param>
/// <param name="ImageUrl">Base URL of imagestore (Glance v2), default .run/env CP_IMAGE_URL or http://127.0.0.1:9292.</param>
/// <param name="RunDirectory">The stack's run directory (pid files for RSS).</param>
/// <param name="ResultsDirectory">Where the JSON result goes (git-ignored bench/results).</param>
/// <param name="WorkDirectory">Scratch for the source image and the downloaded snapshot (default /var/tmp/cp-bench-snapshot).</param>
/// <param name="Repeat">Snapshots (each followed by its baselines) per run; medians are reported (default 3).</param>
/// <param name="DataMiB">Random, incompressible data written into the source image's VHD (default 1024).</param>
/// <param name="DiskGiB">Virtual size of the source image's disk (default 2).</param>
/// <param name="Flavor">Flavor id or name to boot; default: the smallest-RAM flavor whose root disk holds the image.</param>
/// <param name="Timeout">Deadline of one boot, one snapshot or one upload (default 10 minutes).</param>
/// <param name="Keep">Keep the work directory (the source tarball is rebuilt otherwise).</param>
/// <param name="SameServer">Snapshot one server every repetition (from the second on, the driver waits for the GC to coalesce
/// the previous snapshot's base copy) instead of a freshly booted server each time (default).</param>
public sealed record SnapshotBenchOptions(
    string ApiUrl,
    string ImageUrl,
    string RunDirectory,
    string ResultsDirectory,
    string WorkDirectory,
    int Repeat,
    int DataMiB,
    int DiskGiB,
    string? Flavor,
    TimeSpan Timeout,
    bool Keep,
    bool SameServer)
{
    public const string Usage =
        "usage: ControlPlane.Bench.Snapshot [--repeat 3] [--data-mib 1024] [--disk-gib 2] [--flavor ID|NAME] " +
        "[--timeout-min 10] [--work DIR] [--keep] [--same-server] [--api URL] [--image-url URL]";

    public static SnapshotBenchOptions Parse(string[] args)
    {
        var root = FindRepoRoot();
        var run = Path.Combine(root, ".run");
        var env = ReadEnv(Path.Combine(run, "env"));
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var options = new SnapshotBenchOptions(
            (Arg("--api") ?? env.GetValueOrDefault("CP_API_URL") ?? "http://127.0.0.1:8774").TrimEnd('/'),
            (Arg("--image-url") ?? env.GetValueOrDefault("CP_IMAGE_URL") ?? "http://127.0.0.1:9292").TrimEnd('/'),
            run,
            Path.Combine(root, "bench", "results"),
            Arg("--work") ?? "/var/tmp/cp-bench-snapshot",
            int.Parse(Arg("--repeat") ?? "3"),
            int.Parse(Arg("--data-mib") ?? "1024"),
            int.Parse(Arg("--disk-gib") ?? "2"),
            Arg("--flavor"),
            TimeSpan.FromMinutes(double.Parse(Arg("--timeout-min") ?? "10")),
            args.Contains("--keep"),
            args.Contains("--same-server"));
        if (options.Repeat < 1 || options.DataMiB < 2 || options.DiskGiB < 1 || (long)options.DataMiB << 20 > (long)options.DiskGiB << 30)
        {
            throw new ArgumentException("--repeat >= 1, --data-mib >= 2 and at most --disk-gib * 1024. " + Usage);
        }
        return options;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ControlPlane.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("run the benchmark from inside the repository");
    }

    private static Dictionary<string, string> ReadEnv(string file)
    {
        var result = new Dictionary<string, string>();
        if (!File.Exists(file))
        {
            return result;
        }
        foreach (var raw in File.ReadAllLines(file))
        {
            var line = raw.StartsWith("export ", StringComparison.Ordinal) ? raw[7..] : raw;
            var eq = line.IndexOf('=');
            if (eq > 0)
            {
                result[line[..eq]] = line[(eq + 1)..].Trim('"', '\'');
            }
        }
        return result;
    }
}
