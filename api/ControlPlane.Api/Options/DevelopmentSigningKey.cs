using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Options;

/// <summary>In the Development environment only, fills an empty token signing key with a random one.</summary>
public sealed class DevelopmentSigningKey(IHostEnvironment environment) : IPostConfigureOptions<IdentityOptions>
{
    /// <inheritdoc />
    public void PostConfigure(string? name, IdentityOptions options)
    {
        if (environment.IsDevelopment() && string.IsNullOrEmpty(options.TokenSigningKey))
        {
            options.TokenSigningKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
            options.KeyWasGenerated = true;
        }
    }
}
