using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Virt.Fake;

/// <summary>Validates <see cref="FakeDriverOptions"/> at start.</summary>
public sealed class FakeDriverOptionsValidator : IValidateOptions<FakeDriverOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, FakeDriverOptions options)
    {
        var failures = new List<string>();
        if (options.MemoryMb <= 0) failures.Add("FakeDriver:MemoryMb must be > 0.");
        if (options.Vcpus <= 0) failures.Add("FakeDriver:Vcpus must be > 0.");
        if (options.DiskGb <= 0) failures.Add("FakeDriver:DiskGb must be > 0.");
        if (options.RamAllocationRatio is <= 0 or > 1000) failures.Add("FakeDriver:RamAllocationRatio must be in (0, 1000].");
        if (options.CpuAllocationRatio is <= 0 or > 1000) failures.Add("FakeDriver:CpuAllocationRatio must be in (0, 1000].");
        if (options.DiskAllocationRatio is <= 0 or > 1000) failures.Add("FakeDriver:DiskAllocationRatio must be in (0, 1000].");
        if (options.SpawnDelay < TimeSpan.Zero) failures.Add("FakeDriver:SpawnDelay must not be negative.");
        if (options.FailNextSpawns < 0) failures.Add("FakeDriver:FailNextSpawns must not be negative.");
        if (options.ConsolePort is < 0 or > 65535) failures.Add("FakeDriver:ConsolePort must be in 0-65535.");
        if (!string.IsNullOrEmpty(options.FailSpawnNamePattern))
        {
            try
            {
                _ = new Regex(options.FailSpawnNamePattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException e)
            {
                failures.Add($"FakeDriver:FailSpawnNamePattern is not a valid regular expression: {e.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
