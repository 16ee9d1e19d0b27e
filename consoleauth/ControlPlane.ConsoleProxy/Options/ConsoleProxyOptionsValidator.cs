using Microsoft.Extensions.Options;

namespace ControlPlane.ConsoleProxy.Options;

/// <summary>Checks <see cref="ConsoleProxyOptions"/> at start.</summary>
public sealed class ConsoleProxyOptionsValidator : IValidateOptions<ConsoleProxyOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ConsoleProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Directory.Exists(options.NoVncDirectory) || !File.Exists(Path.Combine(options.NoVncDirectory, "vnc_lite.html")))
        {
            failures.Add($"ConsoleProxy:NoVncDirectory '{options.NoVncDirectory}' holds no noVNC (vnc_lite.html); install the Debian package novnc (deploy/setup does).");
        }
        if (options.ConnectTimeout <= TimeSpan.Zero || options.ConnectTimeout > TimeSpan.FromMinutes(2))
        {
            failures.Add($"ConsoleProxy:ConnectTimeout must be in (0, 2 min] (was {options.ConnectTimeout}).");
        }
        if (options.BufferBytes is < 4096 or > 4 * 1024 * 1024)
        {
            failures.Add($"ConsoleProxy:BufferBytes must be between 4096 and 4194304 (was {options.BufferBytes}).");
        }
        if (string.IsNullOrWhiteSpace(options.RevocationChannel))
        {
            failures.Add("ConsoleProxy:RevocationChannel must not be empty.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
