using ControlPlane.Domain.Operations;
using System.Text.RegularExpressions;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Virt.Fake;

/// <summary>
/// An in-memory hypervisor for tests and capacity experiments (Nova's <c>virt/fake.py</c>). It
/// keeps honest books: a spawn that would take the host over capacity × allocation ratio fails
/// with <see cref="InsufficientResourcesException"/>, and the reported usage is the sum of the
/// flavors it holds. Delays run on the injected <see cref="TimeProvider"/>; failures are injected
/// through <see cref="FakeDriverOptions"/>. It never reads image bits.
/// </summary>
public sealed partial class FakeDriver(IOptions<FakeDriverOptions> options, TimeProvider timeProvider) : IVirtDriver
{
    /// <summary>The name <c>Compute:Driver</c> selects this driver by.</summary>
    public const string DriverName = "Fake";

    private readonly FakeDriverOptions _options = options.Value;
    private readonly Regex? _failPattern = string.IsNullOrEmpty(options.Value.FailSpawnNamePattern)
        ? null
        : new Regex(options.Value.FailSpawnNamePattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, FakeVm> _vms = [];
    private int _failuresLeft = options.Value.FailNextSpawns;
    private string? _host;

    /// <inheritdoc />
    public DriverCapabilities Capabilities { get; } = new("fake", ReadsImageBits: false, HasImageCache: false)
    {
        Features = new HashSet<DriverFeature> { DriverFeature.Snapshot, DriverFeature.Rescue, DriverFeature.VncConsole, DriverFeature.Pause, DriverFeature.Suspend,
            DriverFeature.Resize, DriverFeature.Rebuild, DriverFeature.ConsoleOutput },
    };

    /// <inheritdoc />
    public Task InitHostAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _host = host;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<HostCapacity> GetHostCapacityAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var host = RequireHost();
            var capacity = new HostCapacity(
                MemoryMb: _options.MemoryMb,
                MemoryMbUsed: _vms.Values.Sum(v => (long)v.Instance.MemoryMb),
                Vcpus: _options.Vcpus,
                VcpusUsed: _vms.Values.Sum(v => v.Instance.Vcpus),
                LocalGb: _options.DiskGb,
                LocalGbUsed: _vms.Values.Sum(v => (long)v.Instance.RootGb),
                RunningVms: _vms.Count,
                HypervisorType: Capabilities.HypervisorType,
                HypervisorHostname: string.IsNullOrEmpty(_options.HypervisorHostname) ? host : _options.HypervisorHostname);
            return Task.FromResult(capacity);
        }
    }

    /// <inheritdoc />
    public async Task SpawnAsync(VirtInstance instance, IImageSource images, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(images);
        ValidateFlavor(instance);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            RequireHost();
            if (_vms.ContainsKey(instance.InstanceId))
            {
                throw new InstanceExistsException(instance.InstanceId);
            }

            EnsureRoomFor(instance);
            _vms[instance.InstanceId] = new FakeVm(instance) { Power = DriverPowerState.NoState };
        }

        if (_options.SpawnDelay > TimeSpan.Zero)
        {
            await Task.Delay(_options.SpawnDelay, timeProvider, cancellationToken).ConfigureAwait(false);
        }

        lock (_gate)
        {
            var vm = _vms.GetValueOrDefault(instance.InstanceId)
                ?? throw new DriverOperationException($"Instance {instance.InstanceId} vanished while spawning.");
            if (ShouldFail(instance))
            {
                // NOTE(compute): the half-built VM stays, halted, as a real hypervisor's would; the
                // caller's cleanup (DestroyAsync) is what removes it.
                vm.Power = DriverPowerState.Shutdown;
                throw new DriverOperationException($"Injected spawn failure for {instance.InstanceName}.");
            }

            vm.Power = DriverPowerState.Running;
        }
    }

    /// <inheritdoc />
    public Task DestroyAsync(VirtInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            RequireHost();
            if (_options.FailDestroy)
            {
                throw new DriverOperationException($"Injected destroy failure for {instance.InstanceName}.");
            }

            _vms.Remove(instance.InstanceId);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PowerOffAsync(VirtInstance instance, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        SetPower(instance, DriverPowerState.Shutdown, cancellationToken);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PowerOnAsync(VirtInstance instance, CancellationToken cancellationToken)
    {
        SetPower(instance, DriverPowerState.Running, cancellationToken);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RebootAsync(VirtInstance instance, bool hard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var vm = Find(instance);
            if (!hard && vm.Power != DriverPowerState.Running)
            {
                throw new InstancePowerStateException(instance.InstanceId, vm.Power, "soft reboot");
            }

            RequireNotBootlocked(vm, "reboot");
            vm.Power = DriverPowerState.Running;
            vm.Boot();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<DriverPowerState> GetPowerStateAsync(VirtInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        lock (_gate)
        {
            var vm = Find(instance);
            return Task.FromResult(vm.Rescue?.Power ?? vm.Power);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyCollection<Guid>> ListInstancesAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            RequireHost();
            return Task.FromResult<IReadOnlyCollection<Guid>>(_vms.Keys.ToArray());
        }
    }

    private void SetPower(VirtInstance instance, DriverPowerState power, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var vm = Find(instance);
            if (power == DriverPowerState.Running && vm.Power != DriverPowerState.Running)
            {
                RequireNotBootlocked(vm, "start");
            }

            vm.Power = power;
        }
    }

    /// <summary>XenAPI's <c>OPERATION_BLOCKED</c>: a bootlocked (rescued) VM cannot be started.</summary>
    private static void RequireNotBootlocked(FakeVm vm, string operation)
    {
        if (vm.Bootlocked)
        {
            throw new DriverOperationException(
                $"Cannot {operation} {vm.Instance.InstanceName}: it is bootlocked while rescued.", retryable: false);
        }
    }

    private FakeVm Find(VirtInstance instance)
    {
        RequireHost();
        return _vms.GetValueOrDefault(instance.InstanceId) ?? throw new InstanceNotFoundException(instance.InstanceId);
    }

    private string RequireHost() =>
        _host ?? throw new InvalidOperationException("FakeDriver used before InitHostAsync.");

    private bool ShouldFail(VirtInstance instance)
    {
        if (_failuresLeft > 0)
        {
            _failuresLeft--;
            return true;
        }

        return _failPattern?.IsMatch(instance.InstanceName) == true;
    }

    private void EnsureRoomFor(VirtInstance instance)
    {
        var memory = _vms.Values.Sum(v => (long)v.Instance.MemoryMb) + instance.MemoryMb;
        var vcpus = _vms.Values.Sum(v => (long)v.Instance.Vcpus) + instance.Vcpus;
        var disk = _vms.Values.Sum(v => (long)v.Instance.RootGb) + instance.RootGb;
        var memoryLimit = _options.MemoryMb * _options.RamAllocationRatio;
        var vcpuLimit = _options.Vcpus * _options.CpuAllocationRatio;
        var diskLimit = _options.DiskGb * _options.DiskAllocationRatio;
        if (memory > memoryLimit)
        {
            throw new InsufficientResourcesException($"Insufficient memory: {memory} MiB needed, limit {memoryLimit} MiB.");
        }

        if (vcpus > vcpuLimit)
        {
            throw new InsufficientResourcesException($"Insufficient vcpus: {vcpus} needed, limit {vcpuLimit}.");
        }

        if (disk > diskLimit)
        {
            throw new InsufficientResourcesException($"Insufficient disk: {disk} GiB needed, limit {diskLimit} GiB.");
        }
    }

    private static void ValidateFlavor(VirtInstance instance)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(instance.MemoryMb, "instance.MemoryMb");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(instance.Vcpus, "instance.Vcpus");
        ArgumentOutOfRangeException.ThrowIfNegative(instance.RootGb, "instance.RootGb");
        ArgumentException.ThrowIfNullOrWhiteSpace(instance.InstanceName, "instance.InstanceName");
    }

    private sealed class FakeVm(VirtInstance instance)
    {
        private DriverPowerState _power;

        /// <summary>The instance as last spawned or rebuilt (a rebuild changes its image).</summary>
        public VirtInstance Instance { get; set; } = instance;

        /// <summary>The power state; a change to running boots the guest (a banner in the console log).</summary>
        public DriverPowerState Power
        {
            get => _power;
            set
            {
                var booting = value == DriverPowerState.Running && _power != DriverPowerState.Running;
                _power = value;
                if (booting)
                {
                    Boot();
                }
            }
        }

        /// <summary>The serial console log of every boot, the last <see cref="IConsoleLogDriver.MaxBytes"/> characters.</summary>
        public FakeConsoleLog ConsoleLog { get; } = new();

        /// <summary>Appends one boot's output to the console log.</summary>
        public void Boot() => ConsoleLog.Boot(Instance);

        /// <summary>Nothing may start this VM (it is rescued).</summary>
        public bool Bootlocked { get; set; }

        /// <summary>The rescue VM's power state and image while rescued; null otherwise.</summary>
        public (Guid ImageId, DriverPowerState Power)? Rescue { get; set; }
    }
}
