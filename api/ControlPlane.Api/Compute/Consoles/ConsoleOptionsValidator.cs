using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Compute.Consoles;

/// <summary>Checks <see cref="ConsoleOptions"/> at start.</summary>
public sealed class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Uri.TryCreate(options.NovncproxyBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"Consoles:NovncproxyBaseUrl '{options.NovncproxyBaseUrl}' is not an http(s) URL.");
        }
        if (options.ComputeCallTimeout <= TimeSpan.Zero || options.ComputeCallTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Consoles:ComputeCallTimeout must be in (0, 5 min] (was {options.ComputeCallTimeout}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
