namespace ControlPlane.Scheduler.IntegrationTests.Infrastructure;

/// <summary>Endpoints exported by <c>deploy/up</c> in <c>.run/env</c>; a missing one fails the test with a clear message.</summary>
public static class TestEnvironment
{
    /// <summary>ConnectionStrings__controlplane.</summary>
    public static string ControlPlaneDatabase => Required("ConnectionStrings__controlplane");

    /// <summary>ConnectionStrings__redis.</summary>
    public static string Redis => Required("ConnectionStrings__redis");

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Environment variable {name} is not set: run deploy/up --infra and `. .run/env` before the integration tests.");
}
