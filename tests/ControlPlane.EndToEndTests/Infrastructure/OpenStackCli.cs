using System.Diagnostics;
using System.Text.Json;

namespace ControlPlane.EndToEndTests.Infrastructure;

/// <summary>Runs the stock <c>openstack</c> CLI against the stack through <c>.run/clouds.yaml</c>.</summary>
public sealed class OpenStackCli(StackEnvironment stack, string cloud)
{
    /// <summary>Upper bound for one CLI invocation, including <c>--wait</c> polling.</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    public async Task<CommandResult> RunAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("openstack")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("--os-cloud");
        psi.ArgumentList.Add(cloud);
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }
        psi.Environment["OS_CLIENT_CONFIG_FILE"] = stack.CloudsYaml;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start openstack");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"openstack {string.Join(' ', args)} did not finish within {CommandTimeout}.");
        }
        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a command with <c>-f json</c> and parses its output.</summary>
    public async Task<JsonElement> JsonAsync(params string[] args)
    {
        var result = (await RunAsync([.. args, "-f", "json"])).EnsureSuccess("openstack " + string.Join(' ', args));
        using var doc = JsonDocument.Parse(result.StandardOutput);
        return doc.RootElement.Clone();
    }
}
