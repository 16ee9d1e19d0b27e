using ControlPlane.Domain.Errors;
using ControlPlane.Protos.ConsoleAuth.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using ConsoleAuthService = ControlPlane.Protos.ConsoleAuth.V1.ConsoleAuth;

namespace ControlPlane.Messaging.ConsoleAuth;

/// <summary>
/// Client of <c>controlplane.consoleauth.v1.ConsoleAuth</c> (gRPC). Owns routing: round-robin over the configured
/// replicas, moving on to the next one when a replica is unavailable. Errors come back as the typed hierarchy:
/// NOT_FOUND → <see cref="NotFoundException"/>, INVALID_ARGUMENT → <see cref="InvalidException"/>, FAILED_PRECONDITION →
/// <see cref="ConflictException"/>, UNAVAILABLE or a missed deadline → <see cref="ServiceUnavailableException"/>.
/// Version history: consoleauth.v1 Authorize, Check, RevokeForInstance.
/// </summary>
public sealed class ConsoleAuthRpcClient : IDisposable
{
    private readonly GrpcChannel[] _channels;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private int _next;

    /// <summary>Opens one channel per configured replica (connections are made on first use); call deadlines are
    /// read from <paramref name="timeProvider"/> (the system clock when not given).</summary>
    public ConsoleAuthRpcClient(IOptions<ConsoleAuthClientOptions> options, TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        var o = options.Value;
        _channels = [.. o.EffectiveUrls.Select(u => GrpcChannel.ForAddress(u))];
        _timeout = o.Timeout;
    }

    /// <summary>Mints a token for a console; the reply holds the clear token and the access URL.</summary>
    public Task<AuthorizeReply> AuthorizeAsync(AuthorizeRequest request, CancellationToken cancellationToken = default) =>
        CallAsync((c, o) => c.AuthorizeAsync(request, o).ResponseAsync, cancellationToken);

    /// <summary>The record of a valid token; <see cref="NotFoundException"/> for an unknown, expired, revoked or stale one.</summary>
    public Task<ConsoleToken> CheckAsync(string token, CancellationToken cancellationToken = default) =>
        CallAsync((c, o) => c.CheckAsync(new CheckRequest { Token = token }, o).ResponseAsync, cancellationToken);

    /// <summary>Revokes every token of the instance (and closes its open consoles); returns how many were deleted.</summary>
    public async Task<int> RevokeForInstanceAsync(Guid instanceId, string reason, CancellationToken cancellationToken = default) =>
        (await CallAsync((c, o) => c.RevokeForInstanceAsync(new RevokeForInstanceRequest { InstanceId = instanceId.ToString("D"), Reason = reason }, o).ResponseAsync,
            cancellationToken)).Revoked;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }

    private async Task<T> CallAsync<T>(Func<ConsoleAuthService.ConsoleAuthClient, CallOptions, Task<T>> call, CancellationToken cancellationToken)
    {
        var start = (int)((uint)Interlocked.Increment(ref _next) % (uint)_channels.Length);
        RpcException? last = null;
        for (var i = 0; i < _channels.Length; i++)
        {
            var client = new ConsoleAuthService.ConsoleAuthClient(_channels[(start + i) % _channels.Length]);
            try
            {
                return await call(client, new CallOptions(deadline: _time.GetUtcNow().UtcDateTime + _timeout, cancellationToken: cancellationToken));
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && !cancellationToken.IsCancellationRequested)
            {
                last = e; // this replica is down (or its dependencies are): try the next one
            }
            catch (RpcException e)
            {
                throw Translate(e);
            }
        }
        throw Translate(last!);
    }

    private static Exception Translate(RpcException e) => e.StatusCode switch
    {
        StatusCode.NotFound => new NotFoundException(e.Status.Detail, e),
        StatusCode.InvalidArgument => new InvalidException(e.Status.Detail),
        StatusCode.FailedPrecondition => new ConflictException(e.Status.Detail),
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => new ServiceUnavailableException("The console authorization service is unavailable: " + e.Status.Detail, e),
        _ => new InvalidOperationException($"consoleauth call failed: {e.StatusCode} {e.Status.Detail}", e),
    };
}
