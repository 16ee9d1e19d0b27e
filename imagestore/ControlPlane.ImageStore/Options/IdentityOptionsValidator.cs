using Microsoft.Extensions.Options;

namespace ControlPlane.ImageStore.Options;

/// <summary>Validates <see cref="IdentityOptions"/> at start.</summary>
public sealed class IdentityOptionsValidator : IValidateOptions<IdentityOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, IdentityOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            failures.Add("Identity:Url must be an absolute http(s) URL.");
        }
        if (options.CacheSeconds is < 0 or > 300)
        {
            failures.Add("Identity:CacheSeconds must be between 0 and 300 (it bounds how long a revoked token is still accepted).");
        }
        if (options.TimeoutSeconds < 1)
        {
            failures.Add("Identity:TimeoutSeconds must be >= 1.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
