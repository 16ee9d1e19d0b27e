using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using ControlPlane.Api.Diagnostics;
using ControlPlane.Api.Options;
using ControlPlane.Data.Identity;
using ControlPlane.Domain.Errors;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Identity;

/// <summary>
/// Keystone's <c>POST /v3/auth/tokens</c> semantics for the password and token methods with project
/// scope (by id, or by name + domain), and validation/revocation of a subject token.
/// </summary>
public sealed class IdentityService(
    IdentityStore store, TokenCodec codec, TokenAuthenticator authenticator, PasswordHasher hasher, LoginThrottle throttle,
    IOptions<IdentityOptions> options, TimeProvider timeProvider, ILogger<IdentityService> logger)
{
    /// <summary>The only domain: id <c>default</c>, name <c>Default</c>.</summary>
    public const string DefaultDomainId = "default";

    /// <summary>
    /// Authenticates the <c>auth</c> body and issues a token; 400 for a malformed body, 401 for bad
    /// credentials or scope, 429 when <see cref="LoginThrottle"/> holds password logins for the user
    /// name or for <paramref name="source"/> (the client's address).
    /// </summary>
    public async Task<IssuedToken> IssueAsync(JsonElement body, IPAddress? source, CancellationToken cancellationToken)
    {
        var auth = AuthRequest.Parse(body);
        UserRecord? user;
        DateTimeOffset? expiresAt = null;
        string? unscopedProject = null;
        if (auth.Method == "password")
        {
            var subject = ThrottleKey(auth);
            throttle.EnsureAllowed(subject, source);
            user = auth.UserId is not null
                ? await store.FindUserByIdAsync(auth.UserId, cancellationToken)
                : await store.FindUserByNameAsync(ResolveDomain(auth.UserDomainId, auth.UserDomainName), auth.UserName!, cancellationToken);
            // NOTE(textauth): one PBKDF2 derivation on every path (a dummy hash for an unknown or
            // disabled user), so the answer time does not reveal which user names exist.
            if (!hasher.Verify(auth.Password!, user is { Enabled: true } ? user.PasswordHash : null) || user is null)
            {
                throttle.RecordFailure(subject, source);
                ApiLog.AuthenticationFailed(logger, auth.UserName ?? auth.UserId ?? "?", "invalid user or password");
                throw Unauthorized();
            }
            throttle.RecordSuccess(subject);
        }
        else
        {
            var original = await authenticator.ValidateAsync(auth.Token, cancellationToken) ?? throw Unauthorized();
            user = await store.FindUserByIdAsync(original.UserId, cancellationToken);
            if (user is null || !user.Enabled)
            {
                throw Unauthorized();
            }
            expiresAt = original.ExpiresAt;
            unscopedProject = original.ProjectId.Length > 0 ? original.ProjectId : null;
        }

        ProjectRecord? project = null;
        if (auth.HasScope)
        {
            project = auth.ProjectId is not null
                ? await store.FindProjectByIdAsync(auth.ProjectId, cancellationToken)
                : await store.FindProjectByNameAsync(ResolveDomain(auth.ProjectDomainId, auth.ProjectDomainName), auth.ProjectName!, cancellationToken);
        }
        else if ((unscopedProject ?? user.DefaultProjectId) is { } defaultProject)
        {
            project = await store.FindProjectByIdAsync(defaultProject, cancellationToken);
        }
        IReadOnlyList<(string Id, string Name)> roles = [];
        if (project is not null)
        {
            roles = await store.GetRolesAsync(user.Id, project.Id, cancellationToken);
            if (!project.Enabled || roles.Count == 0)
            {
                ApiLog.AuthenticationFailed(logger, user.Name, "no role on the requested project");
                throw Unauthorized();
            }
        }
        else if (auth.HasScope)
        {
            throw Unauthorized();
        }
        return Issue(user, project, roles, [auth.Method], expiresAt);
    }

    /// <summary>Re-renders a valid subject token (GET); 404 when it is not valid. Only its owner or an admin may look.</summary>
    public async Task<IssuedToken> ValidateSubjectAsync(RequestPrincipalOrUser caller, string? subjectToken, CancellationToken cancellationToken)
    {
        var payload = await authenticator.ValidateAsync(subjectToken, cancellationToken)
            ?? throw new NotFoundException("Could not find token: " + Describe(subjectToken));
        if (!caller.IsAdmin && caller.UserId != payload.UserId)
        {
            throw new ForbiddenException("You are not authorized to perform the requested action: identity:validate_token.");
        }
        var user = await store.FindUserByIdAsync(payload.UserId, cancellationToken) ?? throw new NotFoundException("Could not find token.");
        var project = payload.ProjectId.Length > 0 ? await store.FindProjectByIdAsync(payload.ProjectId, cancellationToken) : null;
        var roles = project is null ? [] : await store.GetRolesAsync(user.Id, project.Id, cancellationToken);
        return new IssuedToken(subjectToken!, payload, user, project, roles);
    }

    /// <summary>Revokes a valid subject token (DELETE); 404 when it is not valid.</summary>
    public async Task RevokeAsync(RequestPrincipalOrUser caller, string? subjectToken, CancellationToken cancellationToken)
    {
        var payload = await authenticator.ValidateAsync(subjectToken, cancellationToken)
            ?? throw new NotFoundException("Could not find token: " + Describe(subjectToken));
        if (!caller.IsAdmin && caller.UserId != payload.UserId)
        {
            throw new ForbiddenException("You are not authorized to perform the requested action: identity:revoke_token.");
        }
        await store.RevokeAsync(payload.TokenId, payload.ExpiresAt, timeProvider.GetUtcNow(), cancellationToken);
    }

    /// <summary>The caller of a token GET/DELETE/HEAD: any valid token (scoped or not); 401 otherwise.</summary>
    public async Task<RequestPrincipalOrUser> CallerAsync(string? token, CancellationToken cancellationToken)
    {
        var payload = await authenticator.ValidateAsync(token, cancellationToken) ?? throw Unauthorized();
        return new RequestPrincipalOrUser(payload.UserId, payload.Roles.Contains("admin"));
    }

    private IssuedToken Issue(UserRecord user, ProjectRecord? project, IReadOnlyList<(string Id, string Name)> roles, string[] methods, DateTimeOffset? expiresAt)
    {
        var now = timeProvider.GetUtcNow();
        var payload = new TokenPayload(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), user.Id, project?.Id ?? string.Empty,
            roles.Select(r => r.Name).ToArray(), methods, now, expiresAt ?? now + options.Value.TokenLifetime);
        return new IssuedToken(codec.Encode(payload), payload, user, project, roles);
    }

    private static string ResolveDomain(string? id, string? name)
    {
        if (id is not null)
        {
            return id;
        }
        return string.Equals(name, "Default", StringComparison.Ordinal) ? DefaultDomainId : "unknown:" + name;
    }

    /// <summary>The user the throttle counts: by id, or by domain and name, the way the request named it.</summary>
    private static string ThrottleKey(AuthRequest auth) => auth.UserId is not null
        ? "id:" + auth.UserId
        : "name:" + ResolveDomain(auth.UserDomainId, auth.UserDomainName) + "/" + auth.UserName;

    private static string Describe(string? token) => string.IsNullOrEmpty(token) ? "(none)" : "(" + token.Length + " characters)";

    private static NotAuthenticatedException Unauthorized() => new(Edge.ErrorBodies.AuthenticationRequired);
}
