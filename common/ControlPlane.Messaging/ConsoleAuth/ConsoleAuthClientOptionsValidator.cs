using Microsoft.Extensions.Options;

namespace ControlPlane.Messaging.ConsoleAuth;

/// <summary>Checks <see cref="ConsoleAuthClientOptions"/> at start.</summary>
public sealed class ConsoleAuthClientOptionsValidator : IValidateOptions<ConsoleAuthClientOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ConsoleAuthClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var url in options.EffectiveUrls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"ConsoleAuthClient:Urls entry '{url}' is not an http(s) URL.");
            }
        }
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(2))
        {
            failures.Add($"ConsoleAuthClient:Timeout must be in (0, 2 min] (was {options.Timeout}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
