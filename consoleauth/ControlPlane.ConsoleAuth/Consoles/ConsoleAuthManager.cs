using ControlPlane.Compute.Rpc;
using ControlPlane.ConsoleAuth.Diagnostics;
using ControlPlane.ConsoleAuth.Options;
using ControlPlane.ConsoleAuth.Tokens;
using ControlPlane.Domain.Errors;
using ControlPlane.Protos.ConsoleAuth.V1;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Options;

namespace ControlPlane.ConsoleAuth.Consoles;

/// <summary>
/// Issues, checks and revokes console tokens (Nova's <c>ConsoleAuthToken.authorize</c>/<c>validate</c> and
/// <c>consoleauth.manager.check_token</c>): tokens are random, kept only as SHA-256 with a fixed TTL, and a token is
/// valid only while the instance's compute host confirms the console (<c>validate_console_port</c>).
/// </summary>
public sealed class ConsoleAuthManager(
    ConsoleTokenStore store,
    ComputeRpcClient compute,
    IOptions<ConsoleAuthOptions> options,
    TimeProvider clock,
    ILogger<ConsoleAuthManager> logger)
{
    /// <summary>The console types this service issues tokens for.</summary>
    public static readonly IReadOnlyList<string> ConsoleTypes = ["novnc"];

    private const string InvalidToken = "The console token is invalid or has expired.";
    private const int MintAttempts = 3;

    /// <summary>Mints a token for the console <paramref name="request"/> describes and stores its hash.</summary>
    public async Task<IssuedConsoleToken> AuthorizeAsync(AuthorizeRequest request, CancellationToken cancellationToken)
    {
        var record = Validate(request, clock.GetUtcNow() + options.Value.ConsoleTokenTtl);
        for (var attempt = 0; attempt < MintAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var token = TokenHash.NewToken();
            if (await store.TryAddAsync(TokenHash.Of(token), record, options.Value.ConsoleTokenTtl))
            {
                var expires = DateTimeOffset.FromUnixTimeSeconds(record.ExpiresUnixSeconds);
                ConsoleAuthLog.Authorized(logger, record.InstanceId, record.ConsoleType, record.ComputeHost, expires);
                return new IssuedConsoleToken(token, AccessUrl(record.AccessUrlBase, token), expires);
            }
        }
        throw new ConflictException("Could not mint a unique console token; try again.");
    }

    /// <summary>
    /// The record of <paramref name="token"/> if it is known, not expired, and its console still exists on the instance's
    /// host; else <see cref="NotFoundException"/>. <see cref="ServiceUnavailableException"/> when Redis or the host does not answer.
    /// </summary>
    public async Task<ConsoleTokenRecord> CheckAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 256)
        {
            throw new NotFoundException(InvalidToken);
        }
        var record = await store.FindAsync(TokenHash.Of(token));
        if (record is null || record.ExpiresUnixSeconds <= clock.GetUtcNow().ToUnixTimeSeconds())
        {
            ConsoleAuthLog.RefusedUnknown(logger);
            throw new NotFoundException(InvalidToken);
        }
        var spec = new InstanceSpec { InstanceId = record.InstanceId.ToString("D"), InstanceName = record.InstanceName, Host = record.ComputeHost };
        bool valid;
        try
        {
            var reply = await compute.ValidateConsolePortAsync(record.ComputeHost,
                new ValidateConsolePort { Instance = spec, Port = record.Port, ConsoleType = record.ConsoleType }, options.Value.ValidateTimeout, cancellationToken);
            valid = reply.Valid;
        }
        catch (NotFoundException)
        {
            valid = false;
        }
        if (!valid)
        {
            ConsoleAuthLog.RefusedStale(logger, record.InstanceId, record.Port, record.ComputeHost);
            throw new NotFoundException(InvalidToken);
        }
        return record;
    }

    /// <summary>Deletes every token of the instance and tells the proxies to close its consoles; returns how many were deleted.</summary>
    public async Task<long> RevokeForInstanceAsync(Guid instanceId, string reason)
    {
        var removed = await store.RemoveInstanceAsync(instanceId);
        await store.PublishRevocationAsync(instanceId);
        ConsoleAuthLog.Revoked(logger, instanceId, removed, reason);
        return removed;
    }

    /// <summary>The access URL: the base plus noVNC's <c>path</c> parameter carrying the websocket path <c>?token=…</c>.</summary>
    public static string AccessUrl(string accessUrlBase, string token) =>
        accessUrlBase + (accessUrlBase.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "path=" + Uri.EscapeDataString("?token=" + token);

    private static ConsoleTokenRecord Validate(AuthorizeRequest request, DateTimeOffset expires)
    {
        if (!Guid.TryParse(request.InstanceId, out var instanceId) || instanceId == Guid.Empty)
        {
            throw new InvalidException($"instance_id '{request.InstanceId}' is not a uuid.");
        }
        if (string.IsNullOrWhiteSpace(request.ComputeHost) || string.IsNullOrWhiteSpace(request.InstanceName))
        {
            throw new InvalidException("compute_host and instance_name are required.");
        }
        if (!ConsoleTypes.Contains(request.ConsoleType))
        {
            throw new InvalidException($"Invalid console type {request.ConsoleType}");
        }
        var endpoint = request.Endpoint ?? throw new InvalidException("endpoint is required.");
        if (string.IsNullOrWhiteSpace(endpoint.Host) || endpoint.Port is < 1 or > 65535)
        {
            throw new InvalidException($"endpoint must name a host and a port in 1-65535 (was '{endpoint.Host}':{endpoint.Port}).");
        }
        if (endpoint.InternalAccessPath.Length > 0 && (endpoint.InternalAccessPath[0] != '/' || endpoint.InternalAccessPath.Any(char.IsWhiteSpace)))
        {
            throw new InvalidException("endpoint.internal_access_path must be an absolute path without whitespace.");
        }
        if (!Uri.TryCreate(request.AccessUrlBase, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidException($"access_url_base '{request.AccessUrlBase}' is not an http(s) URL.");
        }
        return new ConsoleTokenRecord
        {
            InstanceId = instanceId, InstanceName = request.InstanceName, ComputeHost = request.ComputeHost, ConsoleType = request.ConsoleType,
            Host = endpoint.Host, Port = endpoint.Port, InternalAccessPath = endpoint.InternalAccessPath, AccessUrlBase = request.AccessUrlBase,
            ExpiresUnixSeconds = expires.ToUnixTimeSeconds(),
        };
    }
}
