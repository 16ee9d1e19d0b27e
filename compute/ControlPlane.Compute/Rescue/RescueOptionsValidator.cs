using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Rescue;

/// <summary>Validates <see cref="RescueOptions"/> at start.</summary>
public sealed class RescueOptionsValidator : IValidateOptions<RescueOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RescueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.RescueTimeout < TimeSpan.Zero || options.RescueTimeout > TimeSpan.FromDays(30))
        {
            failures.Add("Compute:Rescue:RescueTimeout must be between 0 (off) and 30 days.");
        }

        if (options.PollInterval < TimeSpan.FromSeconds(1) || options.PollInterval > TimeSpan.FromHours(1))
        {
            failures.Add("Compute:Rescue:PollInterval must be between 1 second and 1 hour.");
        }

        if (options.ShutdownTimeout < TimeSpan.Zero || options.ShutdownTimeout > TimeSpan.FromHours(1))
        {
            failures.Add("Compute:Rescue:ShutdownTimeout must be between 0 and 1 hour.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
