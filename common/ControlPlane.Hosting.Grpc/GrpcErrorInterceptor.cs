using ControlPlane.Domain.Errors;
using ControlPlane.Hosting.Resilience;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Hosting.Grpc;

/// <summary>
/// Server interceptor of every gRPC service: a <see cref="ControlPlaneException"/> becomes the
/// <c>google.rpc.Status</c> of <see cref="GrpcErrorMapping"/> (in <c>grpc-status-details-bin</c>); anything else
/// is a bug, logged and answered Internal without details. An <see cref="RpcException"/> passes unchanged, and so
/// does the cancellation of a call the client cancelled. Register with <c>services.AddGrpc(o =&gt; o.Interceptors.Add&lt;GrpcErrorInterceptor&gt;())</c>.
/// A dropped database, broker or cache connection (<see cref="TransientFaultPolicy"/>) is UNAVAILABLE with a
/// <c>RetryInfo</c>, not Internal.
/// </summary>
public sealed class GrpcErrorInterceptor(ILogger<GrpcErrorInterceptor> logger, TransientFaultPolicy? transientFaults = null) : Interceptor
{
    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (ShouldTranslate(e, context))
        {
            throw Translate(e, context);
        }
    }

    /// <inheritdoc />
    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception e) when (ShouldTranslate(e, context))
        {
            throw Translate(e, context);
        }
    }

    /// <inheritdoc />
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (ShouldTranslate(e, context))
        {
            throw Translate(e, context);
        }
    }

    /// <inheritdoc />
    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception e) when (ShouldTranslate(e, context))
        {
            throw Translate(e, context);
        }
    }

    private static bool ShouldTranslate(Exception e, ServerCallContext context) =>
        e is not RpcException && !(e is OperationCanceledException && context.CancellationToken.IsCancellationRequested);

    private RpcException Translate(Exception e, ServerCallContext context)
    {
        if (e is not ControlPlaneException && transientFaults?.AsServiceUnavailable(e) is { } unavailable)
        {
            e = unavailable;
        }
        if (e is ControlPlaneException expected)
        {
            var status = GrpcErrorMapping.ToStatus(expected);
            GrpcErrorLog.ExpectedError(logger, context.Method, ((Google.Rpc.Code)status.Code).ToString(), expected.HttpStatus, expected.Message);
            return status.ToRpcException();
        }
        GrpcErrorLog.UnexpectedError(logger, context.Method, e);
        return GrpcErrorMapping.Unexpected().ToRpcException();
    }
}
