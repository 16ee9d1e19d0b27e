using Microsoft.Extensions.Options;

namespace ControlPlane.Hosting.Resilience;

/// <summary>Validates <see cref="TransientFaultOptions"/> at start.</summary>
public sealed class TransientFaultOptionsValidator : IValidateOptions<TransientFaultOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TransientFaultOptions options)
    {
        var failures = new List<string>();
        const string S = TransientFaultOptions.SectionName;
        if (options.MaxAttempts is < 1 or > 10) failures.Add($"{S}:MaxAttempts must be between 1 and 10.");
        if (options.InitialDelay < TimeSpan.FromMilliseconds(1) || options.InitialDelay > TimeSpan.FromSeconds(5))
        {
            failures.Add($"{S}:InitialDelay must be between 1 ms and 5 s.");
        }
        if (options.MaxDelay < options.InitialDelay || options.MaxDelay > TimeSpan.FromSeconds(10))
        {
            failures.Add($"{S}:MaxDelay must be between InitialDelay and 10 s.");
        }
        if (options.Jitter is < 0 or > 1 || double.IsNaN(options.Jitter)) failures.Add($"{S}:Jitter must be between 0 and 1.");
        if (options.Budget < TimeSpan.Zero || options.Budget > TimeSpan.FromSeconds(30)) failures.Add($"{S}:Budget must be between 0 and 30 s.");
        if (options.RetryAfter < TimeSpan.FromSeconds(1) || options.RetryAfter > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{S}:RetryAfter must be between 1 s and 5 min.");
        }
        if (options.RequeueDelay < TimeSpan.FromMilliseconds(10) || options.RequeueDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{S}:RequeueDelay must be between 10 ms and 1 min.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
