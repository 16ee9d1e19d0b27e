using Microsoft.Extensions.Options;

namespace ControlPlane.ConsoleAuth.Options;

/// <summary>Checks <see cref="ConsoleAuthOptions"/> at start.</summary>
public sealed class ConsoleAuthOptionsValidator : IValidateOptions<ConsoleAuthOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ConsoleAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ConsoleTokenTtl < TimeSpan.FromSeconds(1) || options.ConsoleTokenTtl > TimeSpan.FromDays(1))
        {
            failures.Add($"ConsoleAuth:ConsoleTokenTtl must be between 1 s and 1 day (was {options.ConsoleTokenTtl}).");
        }
        if (options.GrpcPort is < 1 or > 65535)
        {
            failures.Add($"ConsoleAuth:GrpcPort must be between 1 and 65535 (was {options.GrpcPort}).");
        }
        if (options.ValidateTimeout <= TimeSpan.Zero || options.ValidateTimeout > TimeSpan.FromMinutes(2))
        {
            failures.Add($"ConsoleAuth:ValidateTimeout must be in (0, 2 min] (was {options.ValidateTimeout}).");
        }
        if (string.IsNullOrWhiteSpace(options.KeyPrefix))
        {
            failures.Add("ConsoleAuth:KeyPrefix must not be empty.");
        }
        if (string.IsNullOrWhiteSpace(options.RevocationChannel))
        {
            failures.Add("ConsoleAuth:RevocationChannel must not be empty.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
