using ControlPlane.Common.UnitTests.Messaging;
using ControlPlane.Domain.Errors;
using ControlPlane.Hosting.Grpc;
using ControlPlane.Messaging.Wire;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Common.UnitTests.Grpc;

public sealed class GrpcErrorMappingTests
{
    public static TheoryData<ControlPlaneException, StatusCode> Cases => new()
    {
        { new InvalidException("bad"), StatusCode.InvalidArgument },
        { new NotAcceptableException("accept"), StatusCode.InvalidArgument },
        { new UnsupportedMediaTypeException("type"), StatusCode.InvalidArgument },
        { new PayloadTooLargeException("big"), StatusCode.ResourceExhausted },
        { new NotAuthenticatedException("who"), StatusCode.Unauthenticated },
        { new ForbiddenException("no"), StatusCode.PermissionDenied },
        { new OverQuotaException("quota"), StatusCode.ResourceExhausted },
        { new NotFoundException("gone"), StatusCode.NotFound },
        { new ConflictException("state"), StatusCode.FailedPrecondition },
        { new UnexpectedTaskStateException("i-1", "powering-off", "deleting"), StatusCode.Aborted },
        { new ServiceUnavailableException("later"), StatusCode.Unavailable },
        { new RpcVersionException("compute.h1 cannot handle it"), StatusCode.Internal },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_expected_error_becomes_its_status_with_Novas_fault_as_the_reason(ControlPlaneException error, StatusCode expected)
    {
        var interceptor = new GrpcErrorInterceptor(new Logger());

        var thrown = await Assert.ThrowsAsync<RpcException>(() =>
            interceptor.UnaryServerHandler<string, string>("req", new TestServerCallContext("/test.Svc/Do"), (_, _) => throw error));

        Assert.Equal(expected, thrown.StatusCode);
        var status = thrown.GetRpcStatus()!;
        Assert.Equal((int)expected, status.Code);
        Assert.Equal(error.Message, status.Message);
        var info = Assert.Single(status.Details, d => d.Is(ErrorInfo.Descriptor)).Unpack<ErrorInfo>();
        Assert.Equal(error.NovaFault, info.Reason);
        Assert.Equal(error is ServiceUnavailableException ? 2 : 1, status.Details.Count);
        Assert.Equal(GrpcErrorMapping.ErrorDomain, info.Domain);
    }

    [Fact]
    public async Task A_dropped_database_connection_is_Unavailable_with_retry_info_not_Internal()
    {
        var policy = Resilience.PolicyFactory.Create(TimeProvider.System, o => o.RetryAfter = TimeSpan.FromSeconds(3));
        var interceptor = new GrpcErrorInterceptor(new Logger(), policy);

        var thrown = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<string, string>(
            "req", new TestServerCallContext("/test.Svc/Do"), (_, _) => throw Resilience.TransientFaultPolicyTests.Postgres("57P01")));

        Assert.Equal(StatusCode.Unavailable, thrown.StatusCode);
        var status = thrown.GetRpcStatus()!;
        Assert.Equal(ControlPlane.Hosting.Resilience.TransientFaultPolicy.UnavailableMessage, status.Message);
        var retry = Assert.Single(status.Details, d => d.Is(RetryInfo.Descriptor)).Unpack<RetryInfo>();
        Assert.Equal(TimeSpan.FromSeconds(3), retry.RetryDelay.ToTimeSpan());
    }

    [Fact]
    public async Task An_unexpected_exception_is_Internal_without_its_details_and_logged()
    {
        var logger = new Logger();
        var interceptor = new GrpcErrorInterceptor(logger);

        var thrown = await Assert.ThrowsAsync<RpcException>(() => interceptor.ServerStreamingServerHandler<string, string>(
            "req", null!, new TestServerCallContext("/test.Svc/Watch"), (_, _, _) => throw new InvalidOperationException("secret detail")));

        Assert.Equal(StatusCode.Internal, thrown.StatusCode);
        Assert.DoesNotContain("secret", thrown.GetRpcStatus()!.Message, StringComparison.Ordinal);
        var line = Assert.Single(logger.Inner.Lines);
        Assert.Equal((501, LogLevel.Error), (line.EventId.Id, line.Level));
        Assert.IsType<InvalidOperationException>(line.Exception);
    }

    [Fact]
    public async Task An_RpcException_and_a_client_cancellation_pass_unchanged()
    {
        var interceptor = new GrpcErrorInterceptor(new Logger());
        var own = new RpcException(new global::Grpc.Core.Status(StatusCode.OutOfRange, "mine"));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var passed = await Assert.ThrowsAsync<RpcException>(() =>
            interceptor.UnaryServerHandler<string, string>("req", new TestServerCallContext("/m"), (_, _) => throw own));
        await Assert.ThrowsAsync<OperationCanceledException>(() =>
            interceptor.UnaryServerHandler<string, string>("req", new TestServerCallContext("/m", cancelled.Token), (_, _) => throw new OperationCanceledException()));

        Assert.Same(own, passed);
    }

    [Fact]
    public void The_unexpected_status_is_Internal_with_a_fixed_message_and_no_details()
    {
        var status = GrpcErrorMapping.Unexpected();

        Assert.Equal((int)Code.Internal, status.Code);
        Assert.Equal(GrpcErrorMapping.UnexpectedMessage, status.Message);
        Assert.Empty(status.Details);
    }

    private sealed class Logger : ILogger<GrpcErrorInterceptor>
    {
        public CapturingLogger Inner { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
