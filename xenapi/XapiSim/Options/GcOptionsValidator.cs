using Microsoft.Extensions.Options;

namespace XapiSim.Options;

/// <summary>Checks <see cref="GcOptions"/> at start.</summary>
public sealed class GcOptionsValidator : IValidateOptions<GcOptions>
{
    public ValidateOptionsResult Validate(string? name, GcOptions options) =>
        options.QuietPeriod < TimeSpan.Zero || options.QuietPeriod > TimeSpan.FromHours(1)
            ? ValidateOptionsResult.Fail("Sim:Gc:QuietPeriod must be between 0 and 1 hour.")
            : ValidateOptionsResult.Success;
}
