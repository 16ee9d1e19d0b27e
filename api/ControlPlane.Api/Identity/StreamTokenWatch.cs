using ControlPlane.Api.Diagnostics;
using ControlPlane.Api.Options;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ControlPlane.Api.Identity;

/// <summary>
/// Keeps a long-lived call honest about its token: <see cref="Start"/> returns a lease whose
/// <see cref="TokenLease.Token"/> is cancelled exactly when the token expires (by
/// <see cref="TimeProvider"/>) or, checked every <see cref="IdentityOptions.StreamTokenCheckInterval"/>,
/// once it has been revoked. The gRPC streaming methods run under that token.
/// </summary>
public sealed class StreamTokenWatch(
    TokenCodec codec, TokenAuthenticator authenticator, IOptions<IdentityOptions> options, TimeProvider timeProvider, ILogger<StreamTokenWatch> logger)
{
    /// <summary>Starts watching <paramref name="token"/> (already authenticated) for a call that ends with <paramref name="callAborted"/>.</summary>
    public TokenLease Start(string token, string method, CancellationToken callAborted)
    {
        var lease = new TokenLease(callAborted);
        var expiresAt = codec.Decode(token)?.ExpiresAt ?? timeProvider.GetUtcNow();
        _ = WatchAsync(token, expiresAt, method, lease);
        return lease;
    }

    private async Task WatchAsync(string token, DateTimeOffset expiresAt, string method, TokenLease lease)
    {
        var stop = lease.Stopping;
        try
        {
            while (true)
            {
                var untilExpiry = expiresAt - timeProvider.GetUtcNow();
                var interval = options.Value.StreamTokenCheckInterval;
                if (untilExpiry > TimeSpan.Zero)
                {
                    await Task.Delay(untilExpiry < interval ? untilExpiry : interval, timeProvider, stop);
                }
                if (timeProvider.GetUtcNow() >= expiresAt)
                {
                    End(lease, method, "expired");
                    return;
                }
                if (await StillValidAsync(token, stop) == false)
                {
                    End(lease, method, "was revoked");
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The call ended on its own.
        }
    }

    private async Task<bool?> StillValidAsync(string token, CancellationToken cancellationToken)
    {
        try
        {
            return await authenticator.ValidateAsync(token, cancellationToken) is not null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // NOTE(textauth): the database is unreachable; the stream's own reads fail the same way.
            // Unknown is not revoked: check again next interval (expiry is enforced regardless).
            return null;
        }
    }

    private void End(TokenLease lease, string method, string reason)
    {
        ApiLog.StreamTokenEnded(logger, method, reason);
        lease.End(reason);
    }
}
