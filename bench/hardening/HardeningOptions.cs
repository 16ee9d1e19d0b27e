namespace ControlPlane.Bench.Hardening;

/// <summary>Command-line options of the hardening benchmark.</summary>
/// <param name="ApiUrl">Base URL of the api (identity), <c>--api</c>; default http://127.0.0.1:8774.</param>
/// <param name="ImageUrl">Base URL of the imagestore, <c>--image</c>; default http://127.0.0.1:9292.</param>
/// <param name="User">A real user, <c>--user</c>; default demo.</param>
/// <param name="Password">Its password, <c>--password</c>; default secret.</param>
/// <param name="Project">Its project, <c>--project</c>; default demo.</param>
/// <param name="Logins">Samples per login series, <c>--logins</c>; default 200.</param>
/// <param name="ListSamples">Ordinary list requests per phase, <c>--list-samples</c>; default 200.</param>
/// <param name="HostileClients">Concurrent hostile clients, <c>--hostile</c>; default 100.</param>
/// <param name="SortKeys">Sort keys per hostile request, <c>--sort-keys</c>; default 1500.</param>
/// <param name="ResultsDirectory">Where the JSON goes (bench/results).</param>
public sealed record HardeningOptions(
    string ApiUrl, string ImageUrl, string User, string Password, string Project,
    int Logins, int ListSamples, int HostileClients, int SortKeys, string ResultsDirectory)
{
    /// <summary>Parses <paramref name="args"/>.</summary>
    public static HardeningOptions Parse(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new HardeningOptions(
            (Arg("--api") ?? "http://127.0.0.1:8774").TrimEnd('/'),
            (Arg("--image") ?? "http://127.0.0.1:9292").TrimEnd('/'),
            Arg("--user") ?? "demo",
            Arg("--password") ?? "secret",
            Arg("--project") ?? "demo",
            int.Parse(Arg("--logins") ?? "200"),
            int.Parse(Arg("--list-samples") ?? "200"),
            int.Parse(Arg("--hostile") ?? "100"),
            int.Parse(Arg("--sort-keys") ?? "1500"),
            Path.Combine(FindRepoRoot(), "bench", "results"));
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
}
