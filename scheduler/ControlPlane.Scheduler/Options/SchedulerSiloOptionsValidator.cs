using Microsoft.Extensions.Options;

namespace ControlPlane.Scheduler.Options;

/// <summary>Checks <see cref="SchedulerSiloOptions"/> at start.</summary>
public sealed class SchedulerSiloOptionsValidator : IValidateOptions<SchedulerSiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulerSiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.SiloPort is < 1 or > 65535)
        {
            failures.Add($"Orleans:SiloPort must be between 1 and 65535 (was {options.SiloPort}).");
        }
        if (options.GatewayPort is < 1 or > 65535)
        {
            failures.Add($"Orleans:GatewayPort must be between 1 and 65535 (was {options.GatewayPort}).");
        }
        if (options.SiloPort == options.GatewayPort)
        {
            failures.Add("Orleans:SiloPort and Orleans:GatewayPort must differ.");
        }
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add("Orleans:ClusterId must not be empty.");
        }
        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add("Orleans:ServiceId must not be empty.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
