namespace ControlPlane.Bench.Api;

/// <summary>Command-line options of the API benchmark.</summary>
/// <param name="ApiUrl">Base URL of the api service (default from .run/env CP_API_URL).</param>
/// <param name="RunDirectory">The stack's run directory (pid files for RSS).</param>
/// <param name="ResultsDirectory">Where the JSON result goes (git-ignored bench/results).</param>
/// <param name="Requests">Requests per latency series (default 300).</param>
/// <param name="BootCounts">Batch sizes of the boot throughput runs (default 20 and 500).</param>
/// <param name="Concurrency">Concurrent boot requests in flight (default 32).</param>
/// <param name="ControlPlaneDb">Connection string of the controlplane database, to lift the admin project's quota.</param>
public sealed record BenchOptions(string ApiUrl, string RunDirectory, string ResultsDirectory, int Requests, int[] BootCounts, int Concurrency, string? ControlPlaneDb)
{
    public static BenchOptions Parse(string[] args)
    {
        var root = FindRepoRoot();
        var run = Path.Combine(root, ".run");
        var env = ReadEnv(Path.Combine(run, "env"));
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var boots = Arg("--boots") is { } b ? b.Split(',').Select(int.Parse).ToArray() : [20, 500];
        return new BenchOptions(
            Arg("--api") ?? env.GetValueOrDefault("CP_API_URL") ?? "http://127.0.0.1:8774",
            run,
            Path.Combine(root, "bench", "results"),
            int.Parse(Arg("--requests") ?? "300"),
            boots,
            int.Parse(Arg("--concurrency") ?? "32"),
            env.GetValueOrDefault("ConnectionStrings__controlplane"));
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
