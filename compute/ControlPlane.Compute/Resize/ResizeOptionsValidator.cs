using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Resize;

/// <summary>Validates <see cref="ResizeOptions"/> at start.</summary>
public sealed class ResizeOptionsValidator : IValidateOptions<ResizeOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ResizeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.TransferPort is < 1 or > 65535)
        {
            failures.Add($"{ResizeOptions.SectionName}:TransferPort must be between 1 and 65535 (was {options.TransferPort}).");
        }
        if (!System.Net.IPAddress.TryParse(options.TransferAddress, out _))
        {
            failures.Add($"{ResizeOptions.SectionName}:TransferAddress must be an IP address (was '{options.TransferAddress}').");
        }
        if (options.CleanShutdownTimeout < TimeSpan.Zero || options.CleanShutdownTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{ResizeOptions.SectionName}:CleanShutdownTimeout must be between 0 and 1 hour.");
        }
        if (options.TransferChunkBytes is < 4096 or > 4 * 1024 * 1024)
        {
            failures.Add($"{ResizeOptions.SectionName}:TransferChunkBytes must be between 4096 and 4194304.");
        }
        if (options.IncomingTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{ResizeOptions.SectionName}:IncomingTimeout must be positive.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
