using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Auth;
using ControlPlane.ImageStore.Images;

namespace ControlPlane.ImageStore.IntegrationTests.Infrastructure;

/// <summary>
/// Stands in for the identity service at the token boundary only: a token <c>test:&lt;project&gt;:&lt;role,role&gt;</c>
/// identifies that project and roles; anything else is rejected (401). Everything behind it is real.
/// </summary>
internal sealed class TestTokenValidator : ITokenValidator
{
    public static string Token(string project, params string[] roles) => $"test:{project}:{string.Join(',', roles)}";

    public Task<ImageCaller> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var parts = token.Split(':');
        if (parts.Length != 3 || parts[0] != "test")
        {
            throw new NotAuthenticatedException("The request you have made requires authentication.");
        }
        var roles = parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return Task.FromResult(new ImageCaller(parts[1], "user-" + parts[1], roles));
    }
}
