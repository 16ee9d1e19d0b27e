using Grpc.Core;

namespace ControlPlane.Api.Grpc;

/// <summary>
/// The call context a streaming handler sees: the real one in every respect except that its
/// <see cref="ServerCallContext.CancellationToken"/> also fires when the caller's token expires or
/// is revoked (<see cref="Identity.TokenLease"/>), so handlers stop without knowing about tokens.
/// </summary>
public sealed class TokenBoundCallContext : ServerCallContext
{
    // The key under which grpc-dotnet's GetHttpContext() finds the HttpContext of a call context
    // it did not create (its method invokers need it to resolve the service).
    private const string HttpContextKey = "__HttpContext";
    private readonly ServerCallContext inner;
    private readonly CancellationToken token;

    /// <summary>Wraps <paramref name="inner"/>, replacing its cancellation token with <paramref name="token"/>.</summary>
    public TokenBoundCallContext(ServerCallContext inner, CancellationToken token)
    {
        this.inner = inner;
        this.token = token;
        inner.UserState[HttpContextKey] = inner.GetHttpContext();
    }

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
