using ControlPlane.Messaging.Abstractions;

namespace ControlPlane.Compute.IntegrationTests.Infrastructure;

/// <summary>One test's world: a unique compute host name, a unique conductor queue with its
/// stand-in conductor, and clean-up of both hosts and their queues.</summary>
public sealed class ComputeScenario : IAsyncDisposable
{
    private readonly List<ComputeTestHost> _computes = [];

    private ComputeScenario(string host, ConductorDouble conductor)
    {
        Host = host;
        Conductor = conductor;
    }

    public string Host { get; }

    public ConductorDouble Conductor { get; }

    public ConductorRecorder Recorder => Conductor.Recorder;

    public static async Task<ComputeScenario> StartAsync(ConductorRecorder? recorder = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var conductor = await ConductorDouble.StartAsync("itest-conductor-" + suffix, recorder);
        return new ComputeScenario("itest-" + suffix, conductor);
    }

    public async Task<ComputeTestHost> StartComputeAsync(IDictionary<string, string?>? settings = null)
    {
        var compute = await ComputeTestHost.StartAsync(Host, Conductor.Topic, settings);
        _computes.Add(compute);
        return compute;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var compute in _computes)
        {
            await compute.DisposeAsync();
        }

        await Conductor.DisposeAsync();
        await BrokerCleanup.DeleteQueuesAsync(Topics.Compute(Host), Conductor.Topic);
    }
}
