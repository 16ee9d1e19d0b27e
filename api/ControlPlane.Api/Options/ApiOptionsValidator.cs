using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Options;

/// <summary>Validates <see cref="ApiOptions"/> at start.</summary>
public sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var errors = new List<string>();
        foreach (var (key, value) in new[]
                 {
                     (nameof(options.GrpcUrl), options.GrpcUrl), (nameof(options.ComputePublicUrl), options.ComputePublicUrl),
                     (nameof(options.ImagePublicUrl), options.ImagePublicUrl), (nameof(options.IdentityPublicUrl), options.IdentityPublicUrl),
                     (nameof(options.ImageServiceUrl), options.ImageServiceUrl),
                 })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            {
                errors.Add($"Api:{key} must be an absolute http(s) URL, got '{value}'.");
            }
        }
        if (options.MaxBodyBytes < 1024)
        {
            errors.Add("Api:MaxBodyBytes must be at least 1024.");
        }
        if (options.MaxLimit < 1)
        {
            errors.Add("Api:MaxLimit must be at least 1.");
        }
        if (options.QuotaInstances < -1 || options.QuotaCores < -1 || options.QuotaRamMb < -1 || options.QuotaServerGroups < -1
            || options.QuotaServerGroupMembers < -1 || options.QuotaMetadataItems < -1)
        {
            errors.Add("Api:Quota* must be -1 (unlimited) or a non-negative number.");
        }
        if (options.ImageServiceTimeout <= TimeSpan.Zero || options.WatchResyncInterval <= TimeSpan.Zero)
        {
            errors.Add("Api:ImageServiceTimeout and Api:WatchResyncInterval must be positive.");
        }
        try
        {
            // NOTE(api): the built-in rules are compiled too, so a broken build also stops at start.
            Policy.PolicyRuleSet.Load(options.PolicyFile);
        }
        catch (Policy.PolicyFileException e)
        {
            errors.Add("Api:PolicyFile: " + e.Message);
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
