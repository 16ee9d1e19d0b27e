using Microsoft.Extensions.Options;

namespace ControlPlane.ImageStore.Options;

/// <summary>Validates <see cref="ImageStoreOptions"/> at start.</summary>
public sealed class ImageStoreOptionsValidator : IValidateOptions<ImageStoreOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ImageStoreOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("ImageStore:DataDirectory must be set.");
        }
        if (options.ImageSizeCap <= 0)
        {
            failures.Add("ImageStore:ImageSizeCap must be positive.");
        }
        if (options.UserStorageQuota < 0)
        {
            failures.Add("ImageStore:UserStorageQuota must be 0 (unlimited) or positive.");
        }
        if (options.MaxJsonBodyBytes < 1024)
        {
            failures.Add("ImageStore:MaxJsonBodyBytes must be at least 1024.");
        }
        if (options.DefaultPageSize < 1 || options.MaxPageSize < options.DefaultPageSize)
        {
            failures.Add("ImageStore:DefaultPageSize must be >= 1 and <= ImageStore:MaxPageSize.");
        }
        if (options.StreamBufferBytes is < 4096 or > 64 << 20)
        {
            failures.Add("ImageStore:StreamBufferBytes must be between 4096 and 64 MiB.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
