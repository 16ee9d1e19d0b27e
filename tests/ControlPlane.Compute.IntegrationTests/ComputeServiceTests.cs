using System.Net;
using ControlPlane.Compute.IntegrationTests.Infrastructure;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Testing;

namespace ControlPlane.Compute.IntegrationTests;

/// <summary>The compute service in process on the real RabbitMQ, talking to a stand-in conductor.</summary>
[Trait("Category", "Integration")]
public sealed class ComputeServiceTests
{
    private static InstanceSpec Spec(string host, string? name = null, int memoryMb = 512)
    {
        var id = Guid.NewGuid();
        return new InstanceSpec
        {
            InstanceId = id.ToString("D"),
            ProjectId = "demo",
            UserId = "demo",
            InstanceName = name ?? "instance-" + id.ToString("N")[..8],
            Flavor = new FlavorSpec { Id = "1", Name = "m1.tiny", MemoryMb = memoryMb, Vcpus = 1, RootGb = 1 },
            ImageId = "11111111-1111-1111-1111-111111111111",
            VmState = VmState.Building,
            TaskState = TaskState.Scheduling,
            Host = host,
        };
    }

    private static Task ReadyAsync(ComputeTestHost compute, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(
            async () => (await compute.Http.GetAsync("/readyz")).StatusCode, status => status == HttpStatusCode.OK, "/readyz to answer 200", timeout);

    [Fact]
    public async Task Starts_reconciles_heartbeats_then_builds_and_terminates_over_its_queue()
    {
        await using var scenario = await ComputeScenario.StartAsync();
        var compute = await scenario.StartComputeAsync(new Dictionary<string, string?> { ["FakeDriver:MemoryMb"] = "4096" });

        var report = await scenario.Recorder.WaitForAsync<ServiceReport>(r => r.Host == scenario.Host, "a service report");
        Assert.Equal("controlplane-compute", report.Binary);
        Assert.Equal(4096, report.Capacity.MemoryMb);
        Assert.Equal("fake", report.Capacity.HypervisorType);
        await scenario.Recorder.Changed.UntilAsync(() => scenario.Recorder.HostInstanceCalls > 0, "the start-up question");
        await ReadyAsync(compute);
        Assert.Equal(HttpStatusCode.OK, (await compute.Http.GetAsync("/healthz")).StatusCode);

        var spec = Spec(scenario.Host);
        await scenario.Conductor.Compute.BuildAndRunInstanceAsync(scenario.Host, new BuildAndRunInstance { Instance = spec, Attempt = 1 });
        var active = await scenario.Recorder.WaitForAsync<InstanceUpdate>(u => u.InstanceId == spec.InstanceId && u.VmState == VmState.Active, "the active report");
        Assert.Equal(scenario.Host, active.Host);
        Assert.Equal((int)PowerState.Running, active.PowerState);
        Assert.NotNull(scenario.Recorder.First<InstanceUpdate>(u => u.InstanceId == spec.InstanceId && u.TaskState == TaskState.Spawning));
        await scenario.Recorder.WaitForAsync<ServiceReport>(r => r.Capacity.MemoryMbUsed == 512, "a report counting the instance");

        spec.TaskState = TaskState.Deleting;
        await scenario.Conductor.Compute.TerminateInstanceAsync(scenario.Host, new TerminateInstance { Instance = spec });
        await scenario.Recorder.WaitForAsync<InstanceUpdate>(u => u.InstanceId == spec.InstanceId && u.Deleted, "the deleted report");
        var freed = scenario.Recorder.All<ServiceReport>().Count;
        await scenario.Recorder.Changed.FoundAsync(() => scenario.Recorder.All<ServiceReport>().Skip(freed).FirstOrDefault(r => r.Capacity.MemoryMbUsed == 0), "a report after the delete");
    }

    [Fact]
    public async Task A_failing_spawn_is_reported_as_a_retryable_BuildFailed()
    {
        await using var scenario = await ComputeScenario.StartAsync();
        await scenario.StartComputeAsync(new Dictionary<string, string?> { ["FakeDriver:FailSpawnNamePattern"] = "^doomed-" });
        var doomed = Spec(scenario.Host, name: "doomed-1");

        await scenario.Conductor.Compute.BuildAndRunInstanceAsync(scenario.Host, new BuildAndRunInstance { Instance = doomed, Attempt = 1 });

        var failed = await scenario.Recorder.WaitForAsync<BuildFailed>(b => b.InstanceId == doomed.InstanceId, "BuildFailed");
        Assert.True(failed.Retryable);
        Assert.Equal(scenario.Host, failed.Host);
        Assert.Null(scenario.Recorder.First<InstanceUpdate>(u => u.InstanceId == doomed.InstanceId && u.VmState == VmState.Active));
    }

    [Fact]
    public async Task At_start_a_build_interrupted_while_spawning_is_handed_back()
    {
        var recorder = new ConductorRecorder();
        await using var scenario = await ComputeScenario.StartAsync(recorder);
        var interrupted = Spec(scenario.Host);
        interrupted.TaskState = TaskState.Spawning;
        recorder.HostInstances = host => host == scenario.Host ? new HostInstances { Instances = { interrupted } } : new HostInstances();

        var compute = await scenario.StartComputeAsync();

        var failed = await recorder.WaitForAsync<BuildFailed>(b => b.InstanceId == interrupted.InstanceId, "BuildFailed for the interrupted build");
        Assert.True(failed.Retryable);
        Assert.Contains("interrupted", failed.Fault.Message);
        await ReadyAsync(compute);
    }

    [Fact]
    public async Task A_host_started_before_the_conductor_keeps_asking_and_handles_nothing_until_it_answers()
    {
        var recorder = new ConductorRecorder();
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var host = "itest-" + suffix;
        var conductorTopic = "itest-conductor-" + suffix;
        try
        {
            await using (var compute = await ComputeTestHost.StartAsync(host, conductorTopic))
            {
                var spec = Spec(host);
                // The build waits in the compute queue; the host must not act before it has reconciled.
                await using (var early = await ConductorDouble.StartAsync("itest-sender-" + suffix))
                {
                    await early.Compute.BuildAndRunInstanceAsync(host, new BuildAndRunInstance { Instance = spec, Attempt = 1 });
                }

                Assert.Equal(HttpStatusCode.ServiceUnavailable, (await compute.Http.GetAsync("/readyz")).StatusCode);

                await using var conductor = await ConductorDouble.StartAsync(conductorTopic, recorder);
                await ReadyAsync(compute, TimeSpan.FromSeconds(60));
                await recorder.WaitForAsync<InstanceUpdate>(u => u.InstanceId == spec.InstanceId && u.VmState == VmState.Active, "the queued build, handled after the reconcile");
                Assert.True(recorder.HostInstanceCalls >= 1);
            }
        }
        finally
        {
            await BrokerCleanup.DeleteQueuesAsync($"compute.{host}", conductorTopic, "itest-sender-" + suffix);
        }
    }
}
