using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Virt.XenApi.Options;

/// <summary>Validates <see cref="XenApiDriverOptions"/> when the driver is selected (at start).</summary>
public sealed class XenApiDriverOptionsValidator : IValidateOptions<XenApiDriverOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, XenApiDriverOptions options)
    {
        var failures = new List<string>();
        if (options.Url is null || !options.Url.IsAbsoluteUri || options.Url.Scheme is not ("http" or "https"))
        {
            failures.Add("XenApi:Url is required: an absolute http(s) URL of the XAPI host or pool coordinator.");
        }

        if (string.IsNullOrWhiteSpace(options.Username)) failures.Add("XenApi:Username must not be empty.");
        if (string.IsNullOrEmpty(options.Password)) failures.Add("XenApi:Password is required.");
        if (options.CleanShutdownTimeout < TimeSpan.Zero || options.CleanShutdownTimeout > TimeSpan.FromHours(1))
        {
            failures.Add("XenApi:CleanShutdownTimeout must be between 0 and 1 hour.");
        }

        if (string.IsNullOrWhiteSpace(options.StagingDirectory) || !Path.IsPathFullyQualified(options.StagingDirectory))
        {
            failures.Add("XenApi:StagingDirectory must be an absolute path.");
        }

        if (options.MaxImageMemberBytes < 1 << 20) failures.Add("XenApi:MaxImageMemberBytes must be at least 1 MiB.");
        if (options.MaxImageTotalBytes < options.MaxImageMemberBytes) failures.Add("XenApi:MaxImageTotalBytes must be at least XenApi:MaxImageMemberBytes.");
        if (options.HttpTimeout <= TimeSpan.Zero) failures.Add("XenApi:HttpTimeout must be positive.");
        if (options.TaskPollInterval <= TimeSpan.Zero || options.TaskPollInterval > TimeSpan.FromSeconds(30))
        {
            failures.Add("XenApi:TaskPollInterval must be in (0, 30 s].");
        }

        if (options.VhdCoalescePollInterval <= TimeSpan.Zero || options.VhdCoalescePollInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add("XenApi:VhdCoalescePollInterval must be in (0, 10 min].");
        }

        if (options.ImageCacheMaxChainDepth is < 2 or > 16) failures.Add("XenApi:ImageCacheMaxChainDepth must be between 2 and 16.");
        if (options.VhdCoalesceMaxAttempts is < 1 or > 1000) failures.Add("XenApi:VhdCoalesceMaxAttempts must be between 1 and 1000.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
