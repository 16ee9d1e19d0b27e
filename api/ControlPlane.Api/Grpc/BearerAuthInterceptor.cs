using ControlPlane.Api.Identity;
using ControlPlane.Domain.Errors;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ControlPlane.Api.Grpc;

/// <summary>Authenticates every public gRPC call from <c>authorization: Bearer &lt;token&gt;</c> metadata.</summary>
public sealed class BearerAuthInterceptor(TokenAuthenticator authenticator) : Interceptor
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
        await AuthenticateAsync(context);
        await continuation(request, responseStream, context);
    }

    private async Task AuthenticateAsync(ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        const string prefix = "Bearer ";
        var token = header is not null && header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : null;
        context.UserState[Key] = await authenticator.AuthenticateAsync(token, context.CancellationToken);
    }
}
