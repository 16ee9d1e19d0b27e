using ControlPlane.Api.Identity;
using ControlPlane.Domain.Errors;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ControlPlane.Api.Grpc;

/// <summary>
/// Authenticates every public gRPC call from <c>authorization: Bearer &lt;token&gt;</c> metadata. A
/// server-streaming call runs under a <see cref="TokenLease"/>: when the token expires or is revoked
/// the handler's cancellation token fires and the call ends with Unauthenticated.
/// </summary>
public sealed class BearerAuthInterceptor(TokenAuthenticator authenticator, StreamTokenWatch watch) : Interceptor
{
    private const string Key = "controlplane.principal";

    /// <summary>The principal of an authenticated call.</summary>
    public static RequestPrincipal Principal(ServerCallContext context) =>
        context.UserState.TryGetValue(Key, out var p) && p is RequestPrincipal principal
            ? principal
            : throw new NotAuthenticatedException("A bearer token is required.");

    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        return await continuation(request, context);
    }

    /// <inheritdoc />
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var principal = await AuthenticateAsync(context);
        using var lease = watch.Start(principal.Token, context.Method, context.CancellationToken);
        try
        {
            await continuation(request, responseStream, new TokenBoundCallContext(context, lease.Token));
        }
        catch (Exception) when (TokenEnded(lease, context) is { } ended)
        {
            throw ended;
        }
        // A handler that stops quietly on cancellation still ends the call as unauthenticated.
        if (TokenEnded(lease, context) is { } quietlyEnded)
        {
            throw quietlyEnded;
        }
    }

    private static NotAuthenticatedException? TokenEnded(TokenLease lease, ServerCallContext context) =>
        lease.EndReason is { } reason && !context.CancellationToken.IsCancellationRequested
            ? new NotAuthenticatedException($"The token {reason}; the stream has ended.")
            : null;

    private async Task<RequestPrincipal> AuthenticateAsync(ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        const string prefix = "Bearer ";
        var token = header is not null && header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : null;
        var principal = await authenticator.AuthenticateAsync(token, context.CancellationToken);
        context.UserState[Key] = principal;
        return principal;
    }
}
