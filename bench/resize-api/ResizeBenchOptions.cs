namespace ControlPlane.Bench.ResizeApi;

/// <summary>Command-line options of the resize benchmark.</summary>
/// <param name="ApiUrl">Base URL of the api service (default from .run/env CP_API_URL).</param>
/// <param name="ResultsDirectory">Where the JSON result goes (git-ignored bench/results).</param>
/// <param name="Runs">Resize + confirm cycles measured (default 20).</param>
/// <param name="FromFlavor">Flavor booted (default 1, m1.tiny).</param>
/// <param name="ToFlavor">Flavor resized to (default 2, m1.small).</param>
public sealed record ResizeBenchOptions(string ApiUrl, string ResultsDirectory, int Runs, string FromFlavor, string ToFlavor)
{
    /// <summary>Parses <paramref name="args"/> (<c>--api</c>, <c>--runs</c>, <c>--from</c>, <c>--to</c>).</summary>
    public static ResizeBenchOptions Parse(string[] args)
    {
        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ControlPlane.sln")))
        {
            dir = dir.Parent;
        }
        var root = dir?.FullName ?? throw new InvalidOperationException("run the benchmark from inside the repository");
        var envFile = Path.Combine(root, ".run", "env");
        var env = File.Exists(envFile)
            ? File.ReadAllLines(envFile).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Replace("export ", "").Trim(), p => p[1].Trim('"', '\''))
            : [];
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new ResizeBenchOptions(
            Arg("--api") ?? env.GetValueOrDefault("CP_API_URL") ?? "http://127.0.0.1:8774",
            Path.Combine(root, "bench", "results"),
            int.Parse(Arg("--runs") ?? "20", System.Globalization.CultureInfo.InvariantCulture),
            Arg("--from") ?? "1",
            Arg("--to") ?? "2");
    }
}
