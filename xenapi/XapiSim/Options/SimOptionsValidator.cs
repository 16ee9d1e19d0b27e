using Microsoft.Extensions.Options;

namespace XapiSim.Options;

/// <summary>Checks <see cref="SimOptions"/> at start.</summary>
public sealed class SimOptionsValidator : IValidateOptions<SimOptions>
{
    public ValidateOptionsResult Validate(string? name, SimOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Sim:DataDirectory is required.");
        }

        if (string.IsNullOrWhiteSpace(options.HostName))
        {
            failures.Add("Sim:HostName must not be empty.");
        }

        if (string.IsNullOrEmpty(options.Username) || string.IsNullOrEmpty(options.Password))
        {
            failures.Add("Sim:Username and Sim:Password must not be empty.");
        }

        if (options.SrPhysicalSize < (64L << 20))
        {
            failures.Add("Sim:SrPhysicalSize must be at least 64 MiB.");
        }

        if (options.HostMemory <= options.Dom0Memory || options.Dom0Memory <= 0)
        {
            failures.Add("Sim:HostMemory must exceed Sim:Dom0Memory, which must be positive.");
        }

        if (options.CpuCount <= 0 || options.MaxRequestBytes < 4096)
        {
            failures.Add("Sim:CpuCount must be positive, Sim:MaxRequestBytes at least 4096.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
