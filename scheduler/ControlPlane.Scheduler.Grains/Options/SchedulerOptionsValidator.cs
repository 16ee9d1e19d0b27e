using Microsoft.Extensions.Options;

namespace ControlPlane.Scheduler.Grains.Options;

/// <summary>Checks every <see cref="SchedulerOptions"/> value against its documented range at start.</summary>
public sealed class SchedulerOptionsValidator : IValidateOptions<SchedulerOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckRange(failures, "RamAllocationRatio", options.RamAllocationRatio, 0.1, 100);
        CheckRange(failures, "CpuAllocationRatio", options.CpuAllocationRatio, 0.1, 1000);
        CheckRange(failures, "DiskAllocationRatio", options.DiskAllocationRatio, 0.1, 100);
        CheckRange(failures, "ServiceDownTimeSeconds", options.ServiceDownTimeSeconds, 1, 86400);
        CheckRange(failures, "MaxAttempts", options.MaxAttempts, 1, 100);
        CheckRange(failures, "ReaperIntervalSeconds", options.ReaperIntervalSeconds, 1, 3600);
        CheckRange(failures, "ReaperBatchSize", options.ReaperBatchSize, 1, 10000);
        CheckRange(failures, "GrpcPort", options.GrpcPort, 1, 65535);
        CheckRange(failures, "ResizeConfirmWindowSeconds", options.ResizeConfirmWindowSeconds, 0, 2592000);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRange(List<string> failures, string key, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            failures.Add($"{SchedulerOptions.Section}:{key} must be between {min} and {max} (was {value}).");
        }
    }
}
