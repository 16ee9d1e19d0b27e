namespace ControlPlane.EndToEndTests.Infrastructure;

/// <summary>
/// What `deploy/up` tells the tests about the running stack: the repository root, the run
/// directory and the variables written to <c>.run/env</c>. Missing pieces fail the test with a
/// message saying how to bring the stack up; nothing is skipped silently.
/// </summary>
public sealed class StackEnvironment
{
    private StackEnvironment(string repoRoot, IReadOnlyDictionary<string, string> variables)
    {
        RepoRoot = repoRoot;
        RunDirectory = Path.Combine(repoRoot, ".run");
        Variables = variables;
    }

    public string RepoRoot { get; }

    public string RunDirectory { get; }

    public IReadOnlyDictionary<string, string> Variables { get; }

    public string ApiUrl => Get("CP_API_URL");

    public string ImageUrl => Get("CP_IMAGE_URL");

    public string CloudsYaml => Path.Combine(RunDirectory, "clouds.yaml");

    public string ControlPlaneConnectionString => Get("ConnectionStrings__controlplane");

    /// <summary>A variable from the environment, else from <c>.run/env</c>; fails clearly when absent.</summary>
    public string Get(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } fromProcess ? fromProcess
        : Variables.TryGetValue(name, out var value) ? value
        : throw new InvalidOperationException($"{name} is not set: run `deploy/up` first (it writes .run/env).");

    /// <summary>Finds the repository root above the test assembly and reads <c>.run/env</c>.</summary>
    public static StackEnvironment Load()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ControlPlane.sln")))
        {
            dir = dir.Parent;
        }
        var root = Environment.GetEnvironmentVariable("CP_REPO_ROOT") is { Length: > 0 } fromEnv ? fromEnv
            : dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (ControlPlane.sln) above " + AppContext.BaseDirectory);
        var envFile = Path.Combine(root, ".run", "env");
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(envFile))
        {
            foreach (var raw in File.ReadAllLines(envFile))
            {
                var line = raw.Trim();
                if (line.StartsWith("export ", StringComparison.Ordinal))
                {
                    line = line["export ".Length..];
                }
                var eq = line.IndexOf('=');
                if (line.Length == 0 || line[0] == '#' || eq <= 0)
                {
                    continue;
                }
                variables[line[..eq]] = line[(eq + 1)..].Trim('"', '\'');
            }
        }
        return new StackEnvironment(root, variables);
    }
}
