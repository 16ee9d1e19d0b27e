namespace ControlPlane.EndToEndTests.Infrastructure;

/// <summary>The outcome of one external command.</summary>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Throws with both streams when the command failed.</summary>
    public CommandResult EnsureSuccess(string what) =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"{what} exited {ExitCode}:\n{StandardOutput}\n{StandardError}");
}
