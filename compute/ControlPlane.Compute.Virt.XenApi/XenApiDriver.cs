using ControlPlane.Domain.Operations;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Connection;
using ControlPlane.Compute.Virt.XenApi.Diagnostics;
using ControlPlane.Compute.Virt.XenApi.Errors;
using ControlPlane.Compute.Virt.XenApi.Images;
using ControlPlane.Compute.Virt.XenApi.Ops;
using ControlPlane.Compute.Virt.XenApi.Options;
using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Virt.XenApi;

/// <summary>
/// <see cref="IVirtDriver"/> over XenAPI, reaching XenServer / XCP-ng (or XapiSim) by URL and credentials only.
/// A thin facade: spawn/destroy are in <see cref="InstanceLifecycle"/>, power in <see cref="PowerOps"/>, VMs in
/// <see cref="VmOps"/>, disks in <see cref="VdiOps"/>, image import and cache in <see cref="ImageImport"/>, capacity
/// in <see cref="HostOps"/>, snapshots in <see cref="SnapshotOps"/>, rescue in <see cref="RescueOps"/>, resize in <see cref="Resize.ResizeSourceOps"/> and <see cref="Resize.ResizeDestinationOps"/>, the console in <see cref="ConsoleOps"/>. XAPI failures leave as typed driver exceptions (<see cref="XenApiCallGuard"/>); no
/// OpaqueRef leaves the driver.
/// </summary>
public sealed partial class XenApiDriver : IVirtDriver, ISnapshotDriver, IPauseDriver, ISuspendDriver, IRescueDriver, IConsoleDriver, IResizeDriver, IAsyncDisposable
{
    /// <summary>The name <c>Compute:Driver</c> selects this driver by.</summary>
    public const string DriverName = "XenApi";

    private readonly XenApiDriverOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<XenApiDriver> logger;
    private readonly HttpClient http;
    private readonly SemaphoreSlim initGate = new(1, 1);
    private Ops? ops;

    /// <summary>Reads (and so validates) the options; connects only in <see cref="InitHostAsync"/>.</summary>
    public XenApiDriver(IOptions<XenApiDriverOptions> options, TimeProvider clock, ILogger<XenApiDriver> logger)
    {
        this.options = options.Value;
        this.clock = clock;
        this.logger = logger;
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = this.options.HttpTimeout };
    }

    /// <inheritdoc />
    public DriverCapabilities Capabilities { get; } = new("xen", ReadsImageBits: true, HasImageCache: true)
    {
        Features = new HashSet<DriverFeature> { DriverFeature.Snapshot, DriverFeature.Rescue, DriverFeature.VncConsole, DriverFeature.Pause, DriverFeature.Suspend,
            DriverFeature.Resize, DriverFeature.Rebuild, DriverFeature.ConsoleOutput },
    };

    /// <summary>The image importer (exposed for tests: import counts).</summary>
    internal ImageImport Images => Require().Images;

    /// <inheritdoc />
    public async Task InitHostAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        await initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (ops is not null)
            {
                return;
            }

            XenApiHost xen;
            try
            {
                xen = await XenApiConnector.ConnectAsync(options, http, clock, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is XenApiFailure or XenApiProtocolException or HttpRequestException or InvalidOperationException)
            {
                throw new DriverOperationException($"Cannot connect to XAPI at {options.Url}: {e.Message}", e);
            }

            Directory.CreateDirectory(options.StagingDirectory);
            var vdis = new VdiOps(xen);
            var vms = new VmOps(xen);
            var hostOps = new HostOps(xen, vms);
            var power = new PowerOps(xen, vms, clock, logger);
            var images = new ImageImport(xen, vdis, options, host, clock, logger);
            var snapshots = new SnapshotOps(xen, vms, vdis, new SrScans(xen, clock, logger), options, host, clock, logger);
            var lifecycle = new InstanceLifecycle(vms, vdis, hostOps, power, images, logger);
            var resizer = new Resize.RootShrinker(xen, options, logger);
            var next = new Ops(xen, vms, hostOps, power, images, lifecycle, snapshots,
                new RescueOps(xen, vms, vdis, power, images, clock, logger),
                new ConsoleOps(xen, vms, options.Url!, options.ConsoleProxyClientAddress, logger),
                new Resize.ResizeSourceOps(xen, vms, vdis, power, snapshots, resizer, new Resize.DiskSender(xen, options.MaxImageMemberBytes, logger), logger),
                new Resize.ResizeDestinationOps(xen, vdis, lifecycle, resizer, options.MaxImageMemberBytes, logger),
                new RebuildOps(vms, vdis, power, lifecycle, logger));
            var sr = await XenApiCallGuard.RunAsync(options.Url, "initialise", async () =>
            {
                await images.RemoveStaleImportsAsync(cancellationToken).ConfigureAwait(false);
                await snapshots.RemoveInterruptedAsync(cancellationToken).ConfigureAwait(false);
                return await xen.Session.Sr.GetRecordAsync(xen.Sr, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
            XenApiDriverLog.Connected(logger, xen.Session.Host, xen.HostName, sr.NameLabel, sr.Uuid);
            ops = next;
        }
        finally
        {
            initGate.Release();
        }
    }

    /// <inheritdoc />
    public Task<HostCapacity> GetHostCapacityAsync(CancellationToken cancellationToken)
    {
        var o = Require();
        return XenApiCallGuard.RunAsync(options.Url, "read capacity of", () => o.Host.CapacityAsync(Capabilities.HypervisorType, cancellationToken));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyCollection<Guid>> ListInstancesAsync(CancellationToken cancellationToken)
    {
        var o = Require();
        var ours = await XenApiCallGuard.RunAsync(options.Url, "list instances on", () => o.Vms.ListOursAsync(cancellationToken)).ConfigureAwait(false);
        return [.. ours.Select(v => v.InstanceId).Distinct()];
    }

    /// <inheritdoc />
    public Task SpawnAsync(VirtInstance instance, IImageSource images, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(images);
        var o = Require();
        if (instance.MemoryMb <= 0 || instance.Vcpus <= 0 || instance.RootGb < 0)
        {
            throw new ArgumentException($"Invalid flavor for {instance.InstanceName}: {instance.MemoryMb} MiB, {instance.Vcpus} vcpus, {instance.RootGb} GiB.", nameof(instance));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return XenApiCallGuard.RunAsync(instance, "spawn", () => o.Lifecycle.SpawnAsync(instance, images, cancellationToken));
    }

    /// <inheritdoc />
    public Task DestroyAsync(VirtInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var o = Require();
        return XenApiCallGuard.RunAsync(instance, "destroy", () => o.Lifecycle.DestroyAsync(instance, cancellationToken));
    }

    /// <inheritdoc />
    public Task PowerOffAsync(VirtInstance instance, TimeSpan timeout, CancellationToken cancellationToken) =>
        OnVmAsync(instance, "power off", (o, vm) => o.Power.PowerOffAsync(vm, instance.InstanceId, timeout, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task PowerOnAsync(VirtInstance instance, CancellationToken cancellationToken) =>
        OnVmAsync(instance, "power on", (o, vm) => o.Power.PowerOnAsync(vm, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task RebootAsync(VirtInstance instance, bool hard, CancellationToken cancellationToken) =>
        OnVmAsync(instance, hard ? "hard reboot" : "reboot",
            (o, vm) => o.Power.RebootAsync(vm, instance.InstanceId, hard, options.CleanShutdownTimeout, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task PauseAsync(VirtInstance instance, CancellationToken cancellationToken) =>
        TransitionAsync(instance, "pause", VmPowerState.Running, VmPowerState.Paused, (x, vm, ct) => x.Vm.PauseAsync(vm, ct), cancellationToken);

    /// <inheritdoc />
    public Task UnpauseAsync(VirtInstance instance, CancellationToken cancellationToken) =>
        TransitionAsync(instance, "unpause", VmPowerState.Paused, VmPowerState.Running, (x, vm, ct) => x.Vm.UnpauseAsync(vm, ct), cancellationToken);

    /// <inheritdoc />
    public Task SuspendAsync(VirtInstance instance, CancellationToken cancellationToken) =>
        TransitionAsync(instance, "suspend", VmPowerState.Running, VmPowerState.Suspended, (x, vm, ct) => x.Vm.SuspendAsync(vm, ct), cancellationToken);

    /// <inheritdoc />
    public Task ResumeAsync(VirtInstance instance, CancellationToken cancellationToken) =>
        TransitionAsync(instance, "resume", VmPowerState.Suspended, VmPowerState.Running, (x, vm, ct) => x.Vm.ResumeAsync(vm, startPaused: false, force: false, ct), cancellationToken);

    /// <inheritdoc />
    public Task SnapshotAsync(VirtInstance instance, ISnapshotUpload upload, Func<SnapshotPhase, CancellationToken, Task> onPhase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(onPhase);
        var o = Require();
        cancellationToken.ThrowIfCancellationRequested();
        return XenApiCallGuard.RunAsync(instance, "snapshot", () => o.Snapshots.SnapshotAsync(instance, upload, onPhase, cancellationToken));
    }

    /// <inheritdoc />
    public Task RescueAsync(VirtInstance instance, Guid rescueImageId, IImageSource images, TimeSpan cleanShutdownTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(cleanShutdownTimeout, TimeSpan.Zero);
        var o = Require();
        cancellationToken.ThrowIfCancellationRequested();
        return XenApiCallGuard.RunAsync(instance, "rescue", () => o.Rescue.RescueAsync(instance, rescueImageId, images, cleanShutdownTimeout, cancellationToken));
    }

    /// <inheritdoc />
    public Task UnrescueAsync(VirtInstance instance, bool powerOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var o = Require();
        return XenApiCallGuard.RunAsync(instance, "unrescue", () => o.Rescue.UnrescueAsync(instance, powerOn, cancellationToken));
    }

    /// <inheritdoc />
    public Task<RescueState> GetRescueStateAsync(VirtInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var o = Require();
        return XenApiCallGuard.RunAsync(instance, "read the rescue state of", () => o.Rescue.GetStateAsync(instance, cancellationToken));
    }

    /// <inheritdoc />
    public Task<ConsoleConnection> GetVncConsoleAsync(VirtInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var o = Require();
        return XenApiCallGuard.RunAsync(instance, "open the console of", () => o.Consoles.GetVncConsoleAsync(instance, cancellationToken));
    }

    /// <inheritdoc />
    public async Task<DriverPowerState> GetPowerStateAsync(VirtInstance instance, CancellationToken cancellationToken)
    {
        var state = DriverPowerState.NoState;
        await OnVmAsync(instance, "read the power state of", async (o, vm) =>
        {
            // A rescued instance reports its rescue VM (Nova's "check rescue" lookups).
            var rescue = await o.Vms.FindRescueAsync(instance, cancellationToken).ConfigureAwait(false);
            var power = rescue.Count > 0 ? rescue[0].Record.PowerState : await o.Vms.PowerStateAsync(vm, cancellationToken).ConfigureAwait(false);
            state = XenApiFailureMapper.ToPowerState(power.ToString());
        }, cancellationToken).ConfigureAwait(false);
        return state;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (ops is { } o)
        {
            try
            {
                await o.Xen.Session.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is XenApiFailure or HttpRequestException or TaskCanceledException)
            {
                XenApiDriverLog.CleanupFailed(logger, "the XenAPI session logout", e.Message);
            }
        }

        http.Dispose();
        initGate.Dispose();
    }

    /// <summary>Finds the instance's VM (else <see cref="InstanceNotFoundException"/>) and runs <paramref name="action"/> on it.</summary>
    private Task OnVmAsync(VirtInstance instance, string operation, Func<Ops, VmRef, Task> action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var o = Require();
        return XenApiCallGuard.RunAsync(instance, operation, async () =>
        {
            var found = await o.Vms.FindAsync(instance, ct).ConfigureAwait(false);
            var vm = found.Count > 0 ? found[0].Ref : throw new InstanceNotFoundException(instance.InstanceId);
            await action(o, vm).ConfigureAwait(false);
        });
    }

    private Task TransitionAsync(VirtInstance instance, string operation, VmPowerState from, VmPowerState to,
        Func<XenApiSession, VmRef, CancellationToken, Task> call, CancellationToken ct) =>
        OnVmAsync(instance, operation, (o, vm) => o.Power.TransitionAsync(vm, instance.InstanceId, operation, from, to,
            (v, t) => call(o.Xen.Session, v, t), ct), ct);

    private Ops Require() => ops ?? throw new InvalidOperationException("XenApiDriver: InitHostAsync has not been called.");

    private sealed record Ops(XenApiHost Xen, VmOps Vms, HostOps Host, PowerOps Power, ImageImport Images, InstanceLifecycle Lifecycle, SnapshotOps Snapshots, RescueOps Rescue, ConsoleOps Consoles,
        Resize.ResizeSourceOps ResizeSource, Resize.ResizeDestinationOps ResizeDestination, RebuildOps Rebuild);
}
