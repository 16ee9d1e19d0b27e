using System.Text;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Options;

/// <summary>Validates <see cref="IdentityOptions"/> at start.</summary>
public sealed class IdentityOptionsValidator : IValidateOptions<IdentityOptions>
{
    /// <summary>Smallest accepted signing key, in bytes.</summary>
    public const int MinKeyBytes = 32;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, IdentityOptions options)
    {
        var errors = new List<string>();
        if (Encoding.UTF8.GetByteCount(options.TokenSigningKey) < MinKeyBytes)
        {
            errors.Add($"Identity:TokenSigningKey (env Identity__TokenSigningKey) is required and must be at least {MinKeyBytes} bytes.");
        }
        if (options.TokenLifetime < TimeSpan.FromMinutes(1) || options.TokenLifetime > TimeSpan.FromDays(7))
        {
            errors.Add("Identity:TokenLifetime must be between 1 minute and 7 days.");
        }
        if (options.PasswordIterations < 200_000)
        {
            errors.Add("Identity:PasswordIterations must be at least 200000.");
        }
        if (options.LoginFailuresPerUser is < 1 or > 10_000)
        {
            errors.Add("Identity:LoginFailuresPerUser must be between 1 and 10000.");
        }
        if (options.LoginFailuresPerSource is < 1 or > 100_000)
        {
            errors.Add("Identity:LoginFailuresPerSource must be between 1 and 100000.");
        }
        if (options.LoginFailureWindow < TimeSpan.FromSeconds(1) || options.LoginFailureWindow > TimeSpan.FromDays(1))
        {
            errors.Add("Identity:LoginFailureWindow must be between 1 second and 1 day.");
        }
        if (options.LoginThrottleMaxTracked is < 1000 or > 10_000_000)
        {
            errors.Add("Identity:LoginThrottleMaxTracked must be between 1000 and 10000000.");
        }
        if (options.StreamTokenCheckInterval < TimeSpan.FromSeconds(1) || options.StreamTokenCheckInterval > TimeSpan.FromMinutes(5))
        {
            errors.Add("Identity:StreamTokenCheckInterval must be between 1 second and 5 minutes.");
        }
        if (options.Seed && (string.IsNullOrEmpty(options.AdminPassword) || string.IsNullOrEmpty(options.UserPassword)))
        {
            errors.Add("Identity:AdminPassword and Identity:UserPassword must not be empty when Identity:Seed is true.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
