using System.Diagnostics;

namespace ControlPlane.EndToEndTests.Infrastructure;

/// <summary>Runs a bash snippet from the repository root with a bounded run time.</summary>
public static class ShellCommand
{
    public static async Task<CommandResult> RunAsync(StackEnvironment stack, string script, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo("bash") { WorkingDirectory = stack.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start bash");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{script}` did not finish within {timeout}.");
        }
        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }
}
