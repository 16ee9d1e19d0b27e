using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.Fake.Rfb;

namespace ControlPlane.Compute.Virt.Fake;

/// <summary>The FakeDriver's console: a real RFB endpoint on 127.0.0.1 (<see cref="FakeConsoleServer"/>), started on first use.</summary>
public sealed partial class FakeDriver : IConsoleDriver, IDisposable
{
    private FakeConsoleServer? _console;

    /// <inheritdoc />
    public Task<ConsoleConnection> GetVncConsoleAsync(VirtInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var vm = Find(instance);
            if (vm.Power != DriverPowerState.Running)
            {
                throw new InstancePowerStateException(instance.InstanceId, vm.Power, "open the console of");
            }
            if (_console is null)
            {
                var server = new FakeConsoleServer(RunningVmName);
                server.Start(_options.ConsolePort);
                _console = server;
            }
            return Task.FromResult(new ConsoleConnection("127.0.0.1", _console.Port, _console.PathFor(instance.InstanceId)));
        }
    }

    /// <summary>Stops the console endpoint (open consoles are closed).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _console?.Dispose();
            _console = null;
        }
    }

    private string? RunningVmName(Guid instanceId)
    {
        lock (_gate)
        {
            return _vms.GetValueOrDefault(instanceId) is { Power: DriverPowerState.Running } vm ? vm.Instance.InstanceName : null;
        }
    }
}
