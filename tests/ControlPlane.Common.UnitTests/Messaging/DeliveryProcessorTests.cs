using System.Text;
using ControlPlane.Domain.Context;
using ControlPlane.Domain.Errors;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Messaging.Consuming;
using ControlPlane.Messaging.Wire;
using ControlPlane.Protos.Rpc.V1;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ControlPlane.Common.UnitTests.Messaging;

public sealed class DeliveryProcessorTests
{
    private const string RequestId = "req-11111111-2222-3333-4444-555555555555";
    private const string Topic = "test.topic";

    private readonly Recorder _recorder = new();
    private readonly CapturingLogger _logger = new();

    private DeliveryProcessor CreateProcessor(int maxRedeliveries = 1, string implements = "1.0", TimeProvider? clock = null, bool withTransientPolicy = false)
    {
        var services = new ServiceCollection().AddSingleton(_recorder);
        var definition = new RpcConsumerDefinition(_ => Topic);
        new RpcConsumerBuilder(services, definition)
            .Handle<BuildInstance, BuildHandler>()
            .Reply<GetHostInstances, HostInstances, HostInstancesHandler>();
        var provider = services.BuildServiceProvider();
        return new DeliveryProcessor(definition, RpcVersion.Parse(implements), provider.GetRequiredService<IServiceScopeFactory>(), maxRedeliveries, clock ?? new FakeTimeProvider(), _logger,
            withTransientPolicy ? Resilience.PolicyFactory.Create(clock ?? new FakeTimeProvider()) : null);
    }

    private static Delivery Deliver(IMessage message, bool call = false, bool redelivered = false, int? redeliveries = null, string? type = null, byte[]? body = null, string version = "1.0")
    {
        var headers = new RpcMessageHeaders(type ?? message.Descriptor.FullName, version, RequestId, null).ToAmqp()
            .ToDictionary(h => h.Key, h => (object?)Encoding.UTF8.GetBytes((string)h.Value!));
        if (redeliveries is { } r)
        {
            headers[RpcMessageHeaders.RedeliveriesHeader] = r;
        }
        return new Delivery(Topic, headers, body ?? message.ToByteArray(), redelivered, call ? "reply.q" : null, call ? "c1" : null, "m1");
    }

    [Fact]
    public async Task A_handled_cast_is_acked_and_ran_with_the_senders_request_id()
    {
        var outcome = await CreateProcessor().ProcessAsync(Deliver(new BuildInstance { Instance = new InstanceSpec { InstanceId = "i-1" } }), default);

        Assert.Equal(DeliveryAction.Ack, outcome.Action);
        Assert.False(outcome.HasAnswer);
        var seen = Assert.Single(_recorder.Calls);
        Assert.Equal(("i-1", RequestId, RequestId, "controlplane.rpc.v1.BuildInstance", "1.0"), seen);
        Assert.Null(RequestContext.Current);
    }

    [Fact]
    public async Task A_handled_call_is_acked_with_its_reply()
    {
        var outcome = await CreateProcessor().ProcessAsync(Deliver(new GetHostInstances { Host = "h1" }, call: true), default);

        Assert.Equal(DeliveryAction.Ack, outcome.Action);
        var reply = Assert.IsType<HostInstances>(outcome.Reply);
        Assert.Equal("h1", reply.Instances.Single().Host);
        Assert.Null(outcome.Error);
    }

    [Fact]
    public async Task Unknown_type_is_dead_lettered_and_a_waiting_caller_is_told()
    {
        var cast = await CreateProcessor().ProcessAsync(Deliver(new Empty(), type: "controlplane.rpc.v1.Nope"), default);
        var call = await CreateProcessor().ProcessAsync(Deliver(new Empty(), call: true, type: "controlplane.rpc.v1.Nope"), default);

        Assert.Equal(DeliveryAction.DeadLetter, cast.Action);
        Assert.Equal(DeliveryAction.DeadLetter, call.Action);
        Assert.Equal(nameof(InvalidException), call.Error!.Kind);
        Assert.Contains("no handler for message type controlplane.rpc.v1.Nope", call.Error.Message);
        Assert.Empty(_recorder.Calls);
    }

    [Theory]
    [InlineData("2.0")]
    [InlineData("1.5")]
    [InlineData("0.9")]
    public async Task A_version_the_consumer_does_not_implement_is_dead_lettered_unhandled_with_a_typed_error_and_a_log_line(string sent)
    {
        var processor = CreateProcessor(implements: "1.4");

        var cast = await processor.ProcessAsync(Deliver(new BuildInstance { Instance = new InstanceSpec { InstanceId = "i-1" } }, version: sent), default);
        var call = await processor.ProcessAsync(Deliver(new GetHostInstances { Host = "h1" }, call: true, version: sent), default);

        Assert.Equal(DeliveryAction.DeadLetter, cast.Action);
        Assert.Null(cast.Error);
        Assert.Equal(DeliveryAction.DeadLetter, call.Action);
        Assert.Equal(nameof(RpcVersionException), call.Error!.Kind);
        Assert.IsType<RpcVersionException>(call.Error.ToException());
        Assert.Empty(_recorder.Calls);
        var refused = _logger.Lines.Where(l => l.EventId.Name == "VersionRefused").ToList();
        Assert.Equal(2, refused.Count);
        Assert.All(refused, l => Assert.Equal(237, l.EventId.Id));
        Assert.All(refused, l => Assert.IsType<RpcVersionException>(l.Exception));
        Assert.Contains($"RPC version {sent} is not implemented here (1.4)", refused[0].Message);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1.3")]
    [InlineData("1.4")]
    public async Task Same_major_up_to_the_implemented_minor_is_handled(string sent)
    {
        var outcome = await CreateProcessor(implements: "1.4").ProcessAsync(Deliver(new BuildInstance(), version: sent), default);

        Assert.Equal(DeliveryAction.Ack, outcome.Action);
        Assert.Equal(sent, Assert.Single(_recorder.Calls).Version);
    }

    [Fact]
    public async Task Unparseable_body_is_dead_lettered_without_running_the_handler()
    {
        var outcome = await CreateProcessor().ProcessAsync(Deliver(new BuildInstance(), body: [0xFF, 0xFF, 0xFF, 0xFF]), default);

        Assert.Equal(DeliveryAction.DeadLetter, outcome.Action);
        Assert.Empty(_recorder.Calls);
    }

    [Fact]
    public async Task Missing_headers_are_poison()
    {
        var delivery = new Delivery(Topic, null, new BuildInstance().ToByteArray(), false, null, null, null);

        var outcome = await CreateProcessor().ProcessAsync(delivery, default);

        Assert.Equal(DeliveryAction.DeadLetter, outcome.Action);
    }

    [Fact]
    public async Task A_ControlPlane_error_dead_letters_a_cast_at_once()
    {
        _recorder.Throw = new NotFoundException("gone");

        var outcome = await CreateProcessor().ProcessAsync(Deliver(new BuildInstance()), default);

        Assert.Equal(DeliveryAction.DeadLetter, outcome.Action);
    }

    [Fact]
    public async Task A_ControlPlane_error_answers_a_call_with_the_envelope()
    {
        _recorder.Throw = new NotFoundException("Host h1 could not be found.");

        var outcome = await CreateProcessor().ProcessAsync(Deliver(new GetHostInstances { Host = "h1" }, call: true), default);

        Assert.Equal(DeliveryAction.Ack, outcome.Action);
        Assert.Equal(new RpcError(nameof(NotFoundException), "Host h1 could not be found."), outcome.Error);
    }

    [Fact]
    public async Task An_unexpected_error_is_requeued_once_then_dead_lettered()
    {
        _recorder.Throw = new InvalidOperationException("flaky");
        var processor = CreateProcessor();

        var first = await processor.ProcessAsync(Deliver(new BuildInstance()), default);
        var second = await processor.ProcessAsync(Deliver(new BuildInstance(), redelivered: true), default);

        Assert.Equal(DeliveryAction.Requeue, first.Action);
        Assert.Equal(DeliveryAction.DeadLetter, second.Action);
        Assert.Equal(2, _recorder.Calls.Count);
        Assert.Equal([false, true], _recorder.Redelivered);
    }

    [Fact]
    public async Task With_more_redeliveries_allowed_later_retries_are_republished_with_a_count()
    {
        _recorder.Throw = new InvalidOperationException("flaky");
        var processor = CreateProcessor(maxRedeliveries: 3);

        var outcomes = new[]
        {
            await processor.ProcessAsync(Deliver(new BuildInstance()), default),
            await processor.ProcessAsync(Deliver(new BuildInstance(), redelivered: true), default),
            await processor.ProcessAsync(Deliver(new BuildInstance(), redeliveries: 2), default),
            await processor.ProcessAsync(Deliver(new BuildInstance(), redeliveries: 3), default),
        };

        Assert.Equal([DeliveryAction.Requeue, DeliveryAction.Republish, DeliveryAction.Republish, DeliveryAction.DeadLetter], outcomes.Select(o => o.Action));
        Assert.Equal([2, 3], outcomes.Skip(1).Take(2).Select(o => o.Redeliveries));
    }

    [Fact]
    public async Task An_unexpected_error_of_a_call_answers_only_when_it_is_final()
    {
        _recorder.Throw = new InvalidOperationException("bug");
        var processor = CreateProcessor();

        var first = await processor.ProcessAsync(Deliver(new GetHostInstances(), call: true), default);
        var last = await processor.ProcessAsync(Deliver(new GetHostInstances(), call: true, redelivered: true), default);

        Assert.False(first.HasAnswer);
        Assert.Equal(RpcError.InternalKind, last.Error!.Kind);
    }

    [Fact]
    public async Task A_handler_cancelled_by_shutdown_gives_the_message_back_even_when_redelivered()
    {
        _recorder.Throw = new OperationCanceledException();
        using var stopping = new CancellationTokenSource();
        stopping.Cancel();

        var outcome = await CreateProcessor().ProcessAsync(Deliver(new BuildInstance(), redelivered: true), stopping.Token);

        Assert.Equal(DeliveryAction.Requeue, outcome.Action);
    }

    [Fact]
    public async Task A_cast_that_meets_a_dropped_database_is_held_then_requeued_without_counting_as_a_failure()
    {
        var clock = new ControlPlane.Testing.FakeClock();
        _recorder.Throw = Resilience.TransientFaultPolicyTests.Postgres("57P01");
        var processor = CreateProcessor(clock: clock, withTransientPolicy: true);

        // Already redelivered once: an ordinary failure would now be dead-lettered.
        var run = processor.ProcessAsync(Deliver(new BuildInstance(), redelivered: true, redeliveries: 1), default);
        await clock.TimersChanged.UntilAsync(() => clock.PendingTimers > 0, "the requeue delay");
        Assert.False(run.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(2));
        var outcome = await run;

        Assert.Equal(DeliveryAction.Requeue, outcome.Action);
        Assert.Equal(0, outcome.Redeliveries);
        Assert.Contains(_logger.Lines, l => l.EventId.Id == 250);
    }

    [Fact]
    public async Task A_call_that_meets_an_unavailable_dependency_is_answered_503_at_once()
    {
        _recorder.Throw = new InvalidOperationException("wrapped", new ServiceUnavailableException("broker down"));

        var outcome = await CreateProcessor(withTransientPolicy: true).ProcessAsync(Deliver(new GetHostInstances { Host = "h1" }, call: true), default);

        Assert.Equal(DeliveryAction.Ack, outcome.Action);
        Assert.Equal(nameof(ServiceUnavailableException), outcome.Error!.Kind);
    }

    public sealed class Recorder
    {
        public List<(string InstanceId, string ContextRequestId, string? AmbientRequestId, string Type, string Version)> Calls { get; } = [];

        public List<bool> Redelivered { get; } = [];

        public Exception? Throw { get; set; }
    }

    public sealed class BuildHandler(Recorder recorder) : IRpcHandler<BuildInstance>
    {
        public Task HandleAsync(BuildInstance message, RpcContext context, CancellationToken cancellationToken)
        {
            recorder.Calls.Add((message.Instance?.InstanceId ?? "", context.RequestId, RequestContext.Current, context.MessageType, context.RpcVersion));
            recorder.Redelivered.Add(context.Redelivered);
            return recorder.Throw is { } e ? Task.FromException(e) : Task.CompletedTask;
        }
    }

    public sealed class HostInstancesHandler(Recorder recorder) : IRpcCallHandler<GetHostInstances, HostInstances>
    {
        public Task<HostInstances> HandleAsync(GetHostInstances request, RpcContext context, CancellationToken cancellationToken)
        {
            recorder.Calls.Add((request.Host, context.RequestId, RequestContext.Current, context.MessageType, context.RpcVersion));
            recorder.Redelivered.Add(context.Redelivered);
            if (recorder.Throw is { } e)
            {
                return Task.FromException<HostInstances>(e);
            }
            return Task.FromResult(new HostInstances { Instances = { new InstanceSpec { Host = request.Host } } });
        }
    }
}
