using ControlPlane.Data.Identity;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Identity;

/// <summary>Turns a presented token into a <see cref="RequestPrincipal"/>: signature, expiry, revocation, project scope.</summary>
public sealed class TokenAuthenticator(TokenCodec codec, IdentityStore store)
{
    /// <summary>The valid, unrevoked payload of <paramref name="token"/>, or <c>null</c>.</summary>
    public async Task<TokenPayload?> ValidateAsync(string? token, CancellationToken cancellationToken)
    {
        var payload = codec.Decode(token);
        if (payload is null || await store.IsRevokedAsync(payload.TokenId, cancellationToken))
        {
            return null;
        }
        return payload;
    }

    /// <summary>The principal of a project-scoped token; 401 otherwise.</summary>
    public async Task<RequestPrincipal> AuthenticateAsync(string? token, CancellationToken cancellationToken)
    {
        var payload = await ValidateAsync(token, cancellationToken);
        if (payload is null || payload.ProjectId.Length == 0)
        {
            throw new NotAuthenticatedException(Edge.ErrorBodies.AuthenticationRequired);
        }
        return new RequestPrincipal(payload.UserId, payload.ProjectId, payload.Roles, token!);
    }
}
