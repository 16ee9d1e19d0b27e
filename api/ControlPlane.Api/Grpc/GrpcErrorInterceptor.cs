using ControlPlane.Api.Diagnostics;
using ControlPlane.Domain.Errors;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ControlPlane.Api.Grpc;

/// <summary>
/// The one place gRPC errors are translated: a <see cref="ControlPlaneException"/> becomes a
/// <c>google.rpc.Status</c> (in <c>grpc-status-details-bin</c>) with an <c>ErrorInfo</c> whose reason
/// is Nova's fault name. Codes: 400/406/413/415 InvalidArgument, 401 Unauthenticated, 403
/// PermissionDenied (over quota: ResourceExhausted), 429 ResourceExhausted, 404 NotFound, 409 FailedPrecondition (a lost
/// task-state compare-and-set race: Aborted, retryable), 503 Unavailable; anything else Internal (logged).
/// </summary>
public sealed class GrpcErrorInterceptor(ILogger<GrpcErrorInterceptor> logger) : Interceptor
{
    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Translate(e, context);
        }
    }

    /// <inheritdoc />
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (e is not RpcException && !(e is OperationCanceledException && context.CancellationToken.IsCancellationRequested))
        {
            throw Translate(e, context);
        }
    }

    /// <summary>The gRPC code of an expected error.</summary>
    public static Code CodeOf(ControlPlaneException e) => e switch
    {
        UnexpectedTaskStateException => Code.Aborted,
        OverQuotaException or TooManyRequestsException => Code.ResourceExhausted,
        _ => e.HttpStatus switch
        {
            400 or 406 or 413 or 415 => Code.InvalidArgument,
            401 => Code.Unauthenticated,
            403 => Code.PermissionDenied,
            404 => Code.NotFound,
            409 => Code.FailedPrecondition,
            503 => Code.Unavailable,
            _ => Code.Internal,
        },
    };

    private RpcException Translate(Exception e, ServerCallContext context)
    {
        if (e is ControlPlaneException expected)
        {
            ApiLog.ExpectedError(logger, "gRPC", context.Method, expected.HttpStatus, expected.Message);
            return new Google.Rpc.Status
            {
                Code = (int)CodeOf(expected),
                Message = expected.Message,
                Details = { Any.Pack(new ErrorInfo { Reason = expected.NovaFault, Domain = "controlplane" }) },
            }.ToRpcException();
        }
        ApiLog.UnexpectedError(logger, e, "gRPC", context.Method);
        return new Google.Rpc.Status { Code = (int)Code.Internal, Message = "Unexpected API error." }.ToRpcException();
    }
}
