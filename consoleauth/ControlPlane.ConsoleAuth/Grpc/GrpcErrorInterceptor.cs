using ControlPlane.ConsoleAuth.Diagnostics;
using ControlPlane.Domain.Errors;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ControlPlane.ConsoleAuth.Grpc;

/// <summary>
/// Translates the typed error hierarchy once, at the gRPC edge, into <c>google.rpc.Status</c> (same meaning as the REST
/// status: 400 InvalidArgument, 404 NotFound, 409 FailedPrecondition, 503 Unavailable). Anything else is a bug: logged
/// and returned as Internal without details.
/// </summary>
// REVIEW(console): the scheduler and the api each have an interceptor of the same shape; the three belong in
// ControlPlane.Hosting once it references Grpc.AspNetCore (left for a follow-up to keep this change inside consoleauth).
public sealed class GrpcErrorInterceptor(ILogger<GrpcErrorInterceptor> logger) : Interceptor
{
    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (ControlPlaneException e)
        {
            throw new Google.Rpc.Status { Code = (int)ToCode(e.HttpStatus), Message = e.Message }.ToRpcException();
        }
        catch (Exception e) when (e is not RpcException and not OperationCanceledException)
        {
            ConsoleAuthLog.Unexpected(logger, context.Method, e);
            throw new Google.Rpc.Status { Code = (int)Code.Internal, Message = "Unexpected error." }.ToRpcException();
        }
    }

    private static Code ToCode(int httpStatus) => httpStatus switch
    {
        400 => Code.InvalidArgument,
        403 => Code.PermissionDenied,
        404 => Code.NotFound,
        409 => Code.FailedPrecondition,
        503 => Code.Unavailable,
        _ => Code.Internal,
    };
}
