using System.Runtime.CompilerServices;

namespace ControlPlane.Compute.IntegrationTests.Infrastructure;

/// <summary>
/// Endpoints of the real servers `deploy/up --infra` started: taken from the process environment,
/// else from the repository's <c>.run/env</c>. A missing value fails the test with a message saying
/// how to start them; nothing is skipped silently.
/// </summary>
public static class TestEnvironment
{
    /// <summary>The AMQP URI of the shared RabbitMQ.</summary>
    public static string RabbitMq => Get("ConnectionStrings__rabbitmq");

    private static string Get(string name)
    {
        if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
        {
            return value;
        }

        var envFile = Path.Combine(RepoRoot(), ".run", "env");
        if (File.Exists(envFile))
        {
            foreach (var raw in File.ReadAllLines(envFile))
            {
                var line = raw.Trim();
                line = line.StartsWith("export ", StringComparison.Ordinal) ? line["export ".Length..] : line;
                var eq = line.IndexOf('=');
                if (eq > 0 && line[..eq] == name)
                {
                    return line[(eq + 1)..].Trim('"');
                }
            }
        }

        throw new InvalidOperationException($"{name} is not set and not in {envFile}: run `deploy/up --infra` first (it writes .run/env).");
    }

    private static string RepoRoot([CallerFilePath] string thisFile = "") =>
        Environment.GetEnvironmentVariable("CP_REPO_ROOT") is { Length: > 0 } root
            ? root
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
}
