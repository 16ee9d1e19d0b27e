using System.Diagnostics;
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
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Virt.XenApi;

/// <summary>
/// <see cref="IVirtDriver"/> over XenAPI, reaching XenServer / XCP-ng (or XapiSim) by URL and credentials only.
/// A thin facade: VM work is in <see cref="VmOps"/>, disks in <see cref="VdiOps"/>, image import and cache in
/// <see cref="ImageImport"/>, capacity in <see cref="HostOps"/>. XAPI failures leave as the driver's typed
/// exceptions (<see cref="XenApiFailureMapper"/>); no OpaqueRef leaves the driver.
/// </summary>
public sealed class XenApiDriver : IVirtDriver, IAsyncDisposable
{
    /// <summary>The name <c>Compute:Driver</c> selects this driver by.</summary>
    public const string DriverName = "XenApi";

    private const long GiB = 1L << 30;
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
    public DriverCapabilities Capabilities { get; } = new("xen", ReadsImageBits: true, HasImageCache: true);

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
            var next = new Ops(xen, vms, vdis, new HostOps(xen, vms), new ImageImport(xen, vdis, options, host, clock, logger));
            await Guard(() => next.Images.RemoveStaleImportsAsync(cancellationToken), "initialise").ConfigureAwait(false);
            var sr = await xen.Session.Sr.GetRecordAsync(xen.Sr, cancellationToken).ConfigureAwait(false);
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
        return Guard(() => o.Host.CapacityAsync(Capabilities.HypervisorType, cancellationToken), "read capacity of");
    }

    /// <inheritdoc />
    public async Task<IReadOnlyCollection<Guid>> ListInstancesAsync(CancellationToken cancellationToken)
    {
        var o = Require();
        var ours = await Guard(() => o.Vms.ListOursAsync(cancellationToken), "list instances on").ConfigureAwait(false);
        return [.. ours.Select(v => v.InstanceId).Distinct()];
    }

    /// <inheritdoc />
    public async Task SpawnAsync(VirtInstance instance, IImageSource images, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(images);
        var o = Require();
        if (instance.MemoryMb <= 0 || instance.Vcpus <= 0 || instance.RootGb < 0)
        {
            throw new ArgumentException($"Invalid flavor for {instance.InstanceName}: {instance.MemoryMb} MiB, {instance.Vcpus} vcpus, {instance.RootGb} GiB.", nameof(instance));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        await Run(instance, "spawn", async () =>
        {
            if ((await o.Vms.FindAsync(instance, cancellationToken).ConfigureAwait(false)).Count > 0)
            {
                throw new InstanceExistsException(instance.InstanceId);
            }

            var memory = instance.MemoryMb * (1L << 20);
            var free = await o.Host.FreeMemoryAsync(cancellationToken).ConfigureAwait(false);
            if (memory > free)
            {
                throw new InsufficientResourcesException($"Host has {free >> 20} MiB free, {instance.InstanceName} needs {instance.MemoryMb} MiB.");
            }

            var root = await CreateRootDiskAsync(o, instance, images, cancellationToken).ConfigureAwait(false);
            var vm = await o.Vms.CreateAsync(instance, cancellationToken).ConfigureAwait(false);
            await o.Vms.AttachRootAsync(vm, root, cancellationToken).ConfigureAwait(false);
            try
            {
                await o.Vms.StartAsync(vm, cancellationToken).ConfigureAwait(false);
            }
            catch (XenApiFailure f) when (f.Code == XenApiFailureMapper.HostNotEnoughFreeMemory)
            {
                // The contract: a capacity failure leaves nothing behind.
                await DestroyCoreAsync(o, instance, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            var vmUuid = (await o.Vms.FindAsync(instance, cancellationToken).ConfigureAwait(false)).Select(v => v.Record.Uuid).FirstOrDefault() ?? "";
            XenApiDriverLog.Spawned(logger, instance.InstanceId, instance.InstanceName, vmUuid,
                await o.Vdis.UuidAsync(root, cancellationToken).ConfigureAwait(false), (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task DestroyAsync(VirtInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var o = Require();
        return Run(instance, "destroy", () => DestroyCoreAsync(o, instance, cancellationToken));
    }

    /// <inheritdoc />
    public Task PowerOffAsync(VirtInstance instance, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var o = Require();
        return Run(instance, "power off", async () =>
        {
            var vm = await RequireVmAsync(o, instance, cancellationToken).ConfigureAwait(false);
            var state = await o.Vms.PowerStateAsync(vm, cancellationToken).ConfigureAwait(false);
            if (state == VmPowerState.Halted)
            {
                return;
            }

            if (state == VmPowerState.Running && timeout > TimeSpan.Zero)
            {
                if (await o.Vms.TryCleanAsync(vm, "clean_shutdown", timeout, clock, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                XenApiDriverLog.CleanTimedOut(logger, instance.InstanceId, "shutdown", timeout);
            }

            await HardShutdownAsync(o, vm, cancellationToken).ConfigureAwait(false);
        });
    }

    /// <inheritdoc />
    public Task PowerOnAsync(VirtInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var o = Require();
        return Run(instance, "power on", async () =>
        {
            var vm = await RequireVmAsync(o, instance, cancellationToken).ConfigureAwait(false);
            await StartFromAnyAsync(o, vm, await o.Vms.PowerStateAsync(vm, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        });
    }

    /// <inheritdoc />
    public Task RebootAsync(VirtInstance instance, bool hard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var o = Require();
        return Run(instance, hard ? "hard reboot" : "reboot", async () =>
        {
            var vm = await RequireVmAsync(o, instance, cancellationToken).ConfigureAwait(false);
            var state = await o.Vms.PowerStateAsync(vm, cancellationToken).ConfigureAwait(false);
            if (!hard)
            {
                if (state != VmPowerState.Running)
                {
                    throw new InstancePowerStateException(instance.InstanceId, XenApiFailureMapper.ToPowerState(state.ToString()), "reboot");
                }

                if (await o.Vms.TryCleanAsync(vm, "clean_reboot", options.CleanShutdownTimeout, clock, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                XenApiDriverLog.CleanTimedOut(logger, instance.InstanceId, "reboot", options.CleanShutdownTimeout);
            }

            if (state is VmPowerState.Running or VmPowerState.Paused)
            {
                await o.Vms.HardRebootAsync(vm, cancellationToken).ConfigureAwait(false);
                return;
            }

            await StartFromAnyAsync(o, vm, state, cancellationToken).ConfigureAwait(false);
        });
    }

    /// <inheritdoc />
    public async Task<DriverPowerState> GetPowerStateAsync(VirtInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var o = Require();
        var state = DriverPowerState.NoState;
        await Run(instance, "read the power state of", async () =>
        {
            var vm = await RequireVmAsync(o, instance, cancellationToken).ConfigureAwait(false);
            state = XenApiFailureMapper.ToPowerState((await o.Vms.PowerStateAsync(vm, cancellationToken).ConfigureAwait(false)).ToString());
        }).ConfigureAwait(false);
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

    private async Task<VdiRef> CreateRootDiskAsync(Ops o, VirtInstance instance, IImageSource images, CancellationToken ct)
    {
        VdiRef root;
        if (options.ImageCacheEnabled)
        {
            var cached = await o.Images.EnsureCachedAsync(instance.ImageId, images, ct).ConfigureAwait(false);
            root = await o.Vdis.CloneAsync(cached, ct).ConfigureAwait(false);
        }
        else
        {
            root = await o.Images.ImportAsync(instance.ImageId, images, ct).ConfigureAwait(false);
        }

        // Marked at once (whatever the caller's token says) so that a destroy finds it.
        await o.Vdis.MarkInstanceRootAsync(root, instance, CancellationToken.None).ConfigureAwait(false);
        var wanted = instance.RootGb * GiB;
        var imageSize = await o.Vdis.VirtualSizeAsync(root, ct).ConfigureAwait(false);
        if (instance.RootGb > 0 && imageSize > wanted)
        {
            throw new DriverOperationException(
                $"Flavor disk ({instance.RootGb} GiB) is smaller than image {instance.ImageId} ({imageSize} bytes).", retryable: false);
        }

        await o.Vdis.GrowAsync(root, wanted, ct).ConfigureAwait(false);
        return root;
    }

    private async Task DestroyCoreAsync(Ops o, VirtInstance instance, CancellationToken ct)
    {
        var vmCount = 0;
        foreach (var (vm, record) in await o.Vms.FindAsync(instance, ct).ConfigureAwait(false))
        {
            if (record.PowerState != VmPowerState.Halted)
            {
                await HardShutdownAsync(o, vm, ct).ConfigureAwait(false);
            }

            try
            {
                await o.Vms.DestroyAsync(vm, ct).ConfigureAwait(false);
                vmCount++;
            }
            catch (XenApiFailure f) when (f.Code == XenApiErrorCodes.HandleInvalid)
            {
                continue;
            }
        }

        var vdiCount = 0;
        foreach (var vdi in await o.Vdis.FindInstanceDisksAsync(instance.InstanceId, ct).ConfigureAwait(false))
        {
            vdiCount += await o.Vdis.DestroyAsync(vdi, ct).ConfigureAwait(false) ? 1 : 0;
        }

        if (vmCount + vdiCount > 0)
        {
            XenApiDriverLog.Destroyed(logger, instance.InstanceId, vmCount, vdiCount);
        }
    }

    private static async Task HardShutdownAsync(Ops o, VmRef vm, CancellationToken ct)
    {
        try
        {
            await o.Vms.HardShutdownAsync(vm, ct).ConfigureAwait(false);
        }
        catch (XenApiFailure f) when (f.Code == XenApiErrorCodes.VmBadPowerState)
        {
            // Halted by itself meanwhile (a clean shutdown finishing late) reaches the goal; anything else does not.
            if (await o.Vms.PowerStateAsync(vm, ct).ConfigureAwait(false) != VmPowerState.Halted)
            {
                throw;
            }
        }
    }

    private static async Task StartFromAnyAsync(Ops o, VmRef vm, VmPowerState state, CancellationToken ct)
    {
        switch (state)
        {
            case VmPowerState.Running:
                return;
            case VmPowerState.Paused:
                await o.Xen.Session.Vm.UnpauseAsync(vm, ct).ConfigureAwait(false);
                return;
            case VmPowerState.Suspended:
                await o.Xen.Session.CallAsync("VM.resume", [vm, false, false], ct).ConfigureAwait(false);
                return;
            default:
                await o.Vms.StartAsync(vm, ct).ConfigureAwait(false);
                return;
        }
    }

    private static async Task<VmRef> RequireVmAsync(Ops o, VirtInstance instance, CancellationToken ct)
    {
        var found = await o.Vms.FindAsync(instance, ct).ConfigureAwait(false);
        return found.Count > 0 ? found[0].Ref : throw new InstanceNotFoundException(instance.InstanceId);
    }

    /// <summary>Runs an instance operation, turning XAPI and transport failures into typed driver exceptions.</summary>
    private static async Task Run(VirtInstance instance, string operation, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (XenApiFailure f)
        {
            throw XenApiFailureMapper.Map(f, instance, operation);
        }
        catch (Exception e) when (e is XenApiProtocolException or HttpRequestException)
        {
            throw new DriverOperationException($"{operation} {instance.InstanceName}: XAPI unreachable or answered badly: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            throw new DriverOperationException($"{operation} {instance.InstanceName}: XAPI did not answer in time", e);
        }
    }

    private async Task<T> Guard<T>(Func<Task<T>> action, string operation)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (XenApiFailure f)
        {
            throw new DriverOperationException($"Cannot {operation} XAPI host {options.Url}: {XenApiFailureMapper.Describe(f)}", f);
        }
        catch (Exception e) when (e is XenApiProtocolException or HttpRequestException)
        {
            throw new DriverOperationException($"Cannot {operation} XAPI host {options.Url}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            throw new DriverOperationException($"Cannot {operation} XAPI host {options.Url}: no answer in time", e);
        }
    }

    private Task Guard(Func<Task> action, string operation) => Guard(async () =>
    {
        await action().ConfigureAwait(false);
        return true;
    }, operation);

    private Ops Require() => ops ?? throw new InvalidOperationException("XenApiDriver: InitHostAsync has not been called.");

    private sealed record Ops(XenApiHost Xen, VmOps Vms, VdiOps Vdis, HostOps Host, ImageImport Images);
}
