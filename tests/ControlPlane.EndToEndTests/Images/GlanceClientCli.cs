using System.Diagnostics;
using System.Text.RegularExpressions;
using ControlPlane.EndToEndTests.Infrastructure;

namespace ControlPlane.EndToEndTests.Images;

/// <summary>
/// Runs the stock <c>glance</c> CLI (python-glanceclient, Image API v2) against the stack,
/// authenticated as a Keystone user through the <c>OS_*</c> variables, as a user of
/// <c>.run/clouds.yaml</c> would be: the image endpoint comes from the token's catalog unless
/// <paramref name="imageUrl"/> names another imagestore.
/// </summary>
public sealed partial class GlanceClientCli(StackEnvironment stack, string user, string project, string? imageUrl = null, string password = "secret")
{
    /// <summary>Upper bound of one invocation (a 1 GiB transfer on a loaded machine included).</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs <c>glance --os-image-api-version 2 ARGS</c>.</summary>
    public async Task<CommandResult> RunAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("glance")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("--os-image-api-version");
        psi.ArgumentList.Add("2");
        if (imageUrl is not null)
        {
            psi.ArgumentList.Add("--os-image-url");
            psi.ArgumentList.Add(imageUrl);
        }
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("OS_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(name);
        }
        psi.Environment["OS_AUTH_URL"] = stack.ApiUrl.TrimEnd('/') + "/identity/v3";
        psi.Environment["OS_IDENTITY_API_VERSION"] = "3";
        psi.Environment["OS_USERNAME"] = user;
        psi.Environment["OS_PASSWORD"] = password;
        psi.Environment["OS_PROJECT_NAME"] = project;
        psi.Environment["OS_USER_DOMAIN_NAME"] = "Default";
        psi.Environment["OS_PROJECT_DOMAIN_NAME"] = "Default";
        psi.Environment["OS_REGION_NAME"] = "RegionOne";
        psi.Environment["OS_INTERFACE"] = "public";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start glance");
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
            throw new TimeoutException($"glance {string.Join(' ', args)} did not finish within {CommandTimeout}.");
        }
        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>A field of glance's <c>| Property | Value |</c> table output, or null when absent.</summary>
    public static string? Field(string table, string name)
    {
        foreach (Match match in TableRow().Matches(table))
        {
            if (match.Groups[1].Value == name)
            {
                return match.Groups[2].Value.Trim();
            }
        }
        return null;
    }

    [GeneratedRegex(@"^\|\s*(\S+)\s*\|(.*)\|\s*$", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
