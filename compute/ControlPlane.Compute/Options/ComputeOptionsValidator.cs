using System.Text.RegularExpressions;
using ControlPlane.Compute.Virt.Registration;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Options;

/// <summary>Validates <see cref="ComputeOptions"/> at start; each failure names the option.</summary>
public sealed partial class ComputeOptionsValidator(VirtDriverRegistry drivers) : IValidateOptions<ComputeOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ComputeOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.Host))
        {
            failures.Add("Compute:Host is required (--host NAME or --Compute:Host=NAME).");
        }
        else if (!HostName().IsMatch(options.Host))
        {
            failures.Add("Compute:Host may hold only letters, digits, '.', '_' and '-' (1-63 characters).");
        }

        if (drivers.Find(options.Driver) is null)
        {
            failures.Add($"Compute:Driver '{options.Driver}' is not a registered driver ({string.Join(", ", drivers.Names)}).");
        }

        if (options.ReportInterval < TimeSpan.FromSeconds(1) || options.ReportInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add("Compute:ReportInterval must be between 00:00:01 and 00:05:00.");
        }

        if (!options.ImageApiUrl.IsAbsoluteUri || options.ImageApiUrl.Scheme is not ("http" or "https"))
        {
            failures.Add("Compute:ImageApiUrl must be an absolute http or https URL.");
        }

        if (!options.IdentityUrl.IsAbsoluteUri || options.IdentityUrl.Scheme is not ("http" or "https"))
        {
            failures.Add("Compute:IdentityUrl must be an absolute http or https URL.");
        }

        if (options.ServiceUsername.Length > 0 && (options.ServicePassword.Length == 0 || options.ServiceProject.Length == 0))
        {
            failures.Add("Compute:ServicePassword and Compute:ServiceProject are required with Compute:ServiceUsername.");
        }

        if (options.ReconcileRetryDelay <= TimeSpan.Zero || options.ReconcileRetryMaxDelay < options.ReconcileRetryDelay)
        {
            failures.Add("Compute:ReconcileRetryDelay must be > 0 and <= Compute:ReconcileRetryMaxDelay.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,63}$")]
    private static partial Regex HostName();
}
