using ControlPlane.Domain.Errors;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ControlPlane.Scheduler.Grpc;

/// <summary>
/// Translates the typed error hierarchy once, at the gRPC edge, into <c>google.rpc.Status</c>
/// (same meaning as the REST status). Anything else is a bug: logged and returned as INTERNAL
/// without its details.
/// </summary>
public sealed class GrpcErrorInterceptor(ILogger<GrpcErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (ControlPlaneException ex)
        {
            throw new Google.Rpc.Status { Code = (int)ToCode(ex.HttpStatus), Message = ex.Message }.ToRpcException();
        }
        catch (Exception ex) when (ex is not RpcException and not OperationCanceledException)
        {
            GrpcLog.Unexpected(logger, context.Method, ex);
            throw new Google.Rpc.Status { Code = (int)Code.Internal, Message = "Unexpected error." }.ToRpcException();
        }
    }

    private static Code ToCode(int httpStatus) => httpStatus switch
    {
        400 => Code.InvalidArgument,
        401 => Code.Unauthenticated,
        403 => Code.PermissionDenied,
        404 => Code.NotFound,
        409 => Code.FailedPrecondition,
        413 => Code.ResourceExhausted,
        503 => Code.Unavailable,
        _ => Code.Internal,
    };
}
