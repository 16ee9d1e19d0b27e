namespace ControlPlane.Bench.Console;

/// <summary>Command-line options of the console benchmark; the stack's URLs come from <c>.run/env</c>.</summary>
/// <param name="ApiUrl">The api (CP_API_URL).</param>
/// <param name="ResultsDirectory">Where the JSON goes (bench/results).</param>
/// <param name="Requests">URL requests measured (default 200).</param>
/// <param name="Seconds">Duration of the check-rate and throughput runs (default 10).</param>
/// <param name="Concurrency">Concurrent websocket clients of the check-rate run (default 8).</param>
public sealed record ConsoleBenchOptions(string ApiUrl, string ResultsDirectory, int Requests, int Seconds, int Concurrency)
{
    /// <summary>Reads the arguments and <c>.run/env</c> of the repository the benchmark runs in.</summary>
    public static ConsoleBenchOptions Parse(string[] args)
    {
        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ControlPlane.sln")))
        {
            dir = dir.Parent;
        }
        var root = dir?.FullName ?? throw new InvalidOperationException("run the benchmark from inside the repository");
        var env = Path.Combine(root, ".run", "env");
        var api = File.Exists(env)
            ? File.ReadAllLines(env).Select(l => l.Replace("export ", "", StringComparison.Ordinal)).FirstOrDefault(l => l.StartsWith("CP_API_URL=", StringComparison.Ordinal))?[11..]
            : null;
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new ConsoleBenchOptions(Arg("--api") ?? api ?? "http://127.0.0.1:8774", Path.Combine(root, "bench", "results"),
            int.Parse(Arg("--requests") ?? "200"), int.Parse(Arg("--seconds") ?? "10"), int.Parse(Arg("--concurrency") ?? "8"));
    }
}
