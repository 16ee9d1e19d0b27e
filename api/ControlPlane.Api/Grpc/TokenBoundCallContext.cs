using Grpc.Core;

namespace ControlPlane.Api.Grpc;

/// <summary>
/// The call context a streaming handler sees: the real one in every respect except that its
/// <see cref="ServerCallContext.CancellationToken"/> also fires when the caller's token expires or
/// is revoked (<see cref="Identity.TokenLease"/>), so handlers stop without knowing about tokens.
/// </summary>
public sealed class TokenBoundCallContext(ServerCallContext inner, CancellationToken token) : ServerCallContext
{
    /// <inheritdoc />
    protected override string MethodCore => inner.Method;

    /// <inheritdoc />
    protected override string HostCore => inner.Host;

    /// <inheritdoc />
    protected override string PeerCore => inner.Peer;

    /// <inheritdoc />
    protected override DateTime DeadlineCore => inner.Deadline;

    /// <inheritdoc />
    protected override Metadata RequestHeadersCore => inner.RequestHeaders;

    /// <inheritdoc />
    protected override CancellationToken CancellationTokenCore => token;

    /// <inheritdoc />
    protected override Metadata ResponseTrailersCore => inner.ResponseTrailers;

    /// <inheritdoc />
    protected override Status StatusCore
    {
        get => inner.Status;
        set => inner.Status = value;
    }

    /// <inheritdoc />
    protected override WriteOptions? WriteOptionsCore
    {
        get => inner.WriteOptions;
        set => inner.WriteOptions = value;
    }

    /// <inheritdoc />
    protected override AuthContext AuthContextCore => inner.AuthContext;

    /// <inheritdoc />
    protected override IDictionary<object, object> UserStateCore => inner.UserState;

    /// <inheritdoc />
    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        inner.CreatePropagationToken(options);

    /// <inheritdoc />
    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => inner.WriteResponseHeadersAsync(responseHeaders);
}
