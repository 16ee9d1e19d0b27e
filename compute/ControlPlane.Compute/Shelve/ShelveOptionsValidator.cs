using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Shelve;

/// <summary>Validates <see cref="ShelveOptions"/> at start.</summary>
public sealed class ShelveOptionsValidator : IValidateOptions<ShelveOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ShelveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ShelvedOffloadTime < -1)
        {
            failures.Add("Compute:Shelve:ShelvedOffloadTime must be -1 (never), 0 (at once) or a number of seconds.");
        }

        if (options.PollInterval < TimeSpan.FromSeconds(1) || options.PollInterval > TimeSpan.FromDays(1))
        {
            failures.Add("Compute:Shelve:PollInterval must be between 1 second and 1 day.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
