using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;
using XapiSim.Tests.Infrastructure;

namespace XapiSim.Tests;

public sealed class VmLifecycleTests
{
    private static async Task<(HostRef Host, SrRef Sr)> HostAndSrAsync(XenApiSession session)
    {
        var pool = (await session.Pool.GetAllRecordsAsync()).Values.Single();
        return (pool.Master, pool.DefaultSr);
    }

    [Fact]
    public async Task Nova_style_boot_power_cycle_and_destroy()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession(ControlPlane.XenApi.Transport.XenApiProtocol.XmlRpc);
        var (host, sr) = await HostAndSrAsync(session);
        var freeBefore = await session.HostApi.ComputeFreeMemoryAsync(host);
        var vm = await session.Vm.CreateAsync(Records.NovaVm("instance-00000001"));
        var vdi = await session.Vdi.CreateAsync(Records.Disk(sr, "instance-00000001 root", 64L << 20));
        var vbd = await session.Vbd.CreateAsync(Records.Root(vm, vdi));

        await session.Vm.StartOnAsync(vm, host);

        var running = await session.Vm.GetRecordAsync(vm);
        Assert.Equal(VmPowerState.Running, running.PowerState);
        Assert.Equal(host, running.ResidentOn);
        Assert.True(running.Domid > 0);
        Assert.Equal(2, running.VcpusMax);
        Assert.Equal(512L << 20, running.MemoryStaticMax);
        var console = await session.Console.GetRecordAsync(Assert.Single(running.Consoles));
        Assert.Equal(ConsoleProtocol.Rfb, console.Protocol);
        Assert.StartsWith("https://127.0.0.1/console?ref=OpaqueRef:", console.Location);
        var attached = await session.Vbd.GetRecordAsync(vbd);
        Assert.True(attached.CurrentlyAttached);
        Assert.Equal("xvda", attached.Device);
        Assert.True(await session.HostApi.ComputeFreeMemoryAsync(host) <= freeBefore - (512L << 20));
        var listed = await session.Vm.GetAllRecordsWhereAsync($"field \"is_control_domain\"=\"false\" and field \"is_a_template\"=\"false\" and field \"resident_on\"=\"{host.OpaqueRef}\"");
        Assert.Equal(vm, Assert.Single(listed).Key);

        var again = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vm.StartOnAsync(vm, host));
        Assert.Equal([XenApiErrorCodes.VmBadPowerState, vm.OpaqueRef, "halted", "running"], again.ErrorDescription);
        var destroyRunning = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vm.DestroyAsync(vm));
        Assert.Equal(["halted, suspended", "running"], destroyRunning.Parameters.Skip(1));

        var domid = running.Domid;
        await session.Vm.CleanRebootAsync(vm);
        Assert.NotEqual(domid, (await session.Vm.GetRecordAsync(vm)).Domid);
        await session.Vm.CleanShutdownAsync(vm);
        var halted = await session.Vm.GetRecordAsync(vm);
        Assert.Equal(VmPowerState.Halted, halted.PowerState);
        Assert.True(halted.ResidentOn.IsNull);
        Assert.Empty(halted.Consoles);
        var cleanWhenHalted = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vm.CleanShutdownAsync(vm));
        Assert.Equal(["running", "halted"], cleanWhenHalted.Parameters.Skip(1));

        await session.Vm.DestroyAsync(vm);
        var gone = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vbd.GetRecordAsync(vbd));
        Assert.Equal(XenApiErrorCodes.HandleInvalid, gone.Code);
        Assert.Equal(vdi, (await session.Vdi.GetAllRecordsAsync()).Keys.Single(k => k == vdi));
    }

    [Fact]
    public async Task Blocked_operations_are_checked_before_the_power_state_and_by_exact_key()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var (host, _) = await HostAndSrAsync(session);
        var vm = await session.Vm.CreateAsync(Records.NovaVm("instance-bootlock"));
        await session.Vm.SetBlockedOperationsAsync(vm, new Dictionary<string, string> { ["start"] = "" });

        // Nova's bootlock blocks "start"; start_on checks its own key.
        var blocked = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vm.StartAsync(vm));
        Assert.Equal([XenApiErrorCodes.OperationBlocked, vm.OpaqueRef, ""], blocked.ErrorDescription);
        await session.Vm.StartOnAsync(vm, host);

        await session.Vm.AddToBlockedOperationsAsync(vm, "clean_shutdown", "locked-by-test");
        var shutdown = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vm.CleanShutdownAsync(vm));
        Assert.Equal([vm.OpaqueRef, "locked-by-test"], shutdown.Parameters);
        await session.Vm.HardShutdownAsync(vm);

        // Blocked takes precedence over the (now wrong) power state.
        var stillBlocked = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vm.CleanShutdownAsync(vm));
        Assert.Equal(XenApiErrorCodes.OperationBlocked, stillBlocked.Code);
        await session.Vm.RemoveFromBlockedOperationsAsync(vm, "start");
        await session.Vm.StartAsync(vm);
        Assert.Equal(VmPowerState.Running, await session.Vm.GetPowerStateAsync(vm));
    }

    [Fact]
    public async Task Setters_and_lookups_by_uuid_and_name()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var vm = await session.Vm.CreateAsync(Records.NovaVm("instance-a"));
        var uuid = (await session.Vm.GetRecordAsync(vm)).Uuid;

        await session.Vm.SetNameLabelAsync(vm, "instance-a-orig");
        await session.Vm.AddToOtherConfigAsync(vm, "k", "v");
        var duplicate = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vm.AddToOtherConfigAsync(vm, "k", "w"));
        await session.Vm.RemoveFromOtherConfigAsync(vm, "nova_uuid");

        Assert.Equal(XenApiErrorCodes.MapDuplicateKey, duplicate.Code);
        Assert.Equal(vm, await session.Vm.GetByUuidAsync(uuid));
        Assert.Equal([vm], await session.Vm.GetByNameLabelAsync("instance-a-orig"));
        Assert.Equal(new Dictionary<string, string> { ["k"] = "v" }, await session.Vm.GetOtherConfigAsync(vm));
        var bad = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vm.GetByUuidAsync(Guid.NewGuid().ToString()));
        Assert.Equal(XenApiErrorCodes.UuidInvalid, bad.Code);
    }

    [Fact]
    public async Task Async_calls_return_tasks_with_xml_fragment_results()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var (host, sr) = await HostAndSrAsync(session);
        var vm = await session.Vm.CreateAsync(Records.NovaVm("instance-async"));
        var vdi = await session.Vdi.CreateAsync(Records.Disk(sr, "src", 8L << 20));

        var start = await session.Vm.BeginStartOnAsync(vm, host);
        Assert.Null(await session.Task.WaitAsync(start));
        var copyTask = await session.Vdi.BeginCopyAsync(vdi, sr);
        await session.Task.WaitAsync(copyTask);
        var record = await session.Task.GetRecordAsync(copyTask);
        var failing = await session.Vm.BeginStartOnAsync(vm, host);
        var failure = await Assert.ThrowsAsync<XenApiFailure>(() => session.Task.WaitAsync(failing));

        Assert.Equal(XenTaskStatus.Success, record.Status);
        Assert.Matches("^<value>OpaqueRef:[0-9a-f-]{36}</value>$", record.Result);
        Assert.Equal("Async.VDI.copy", record.NameLabel);
        Assert.Equal(XenApiErrorCodes.VmBadPowerState, failure.Code);
        Assert.Equal(VmPowerState.Running, await session.Vm.GetPowerStateAsync(vm));
    }

    [Fact]
    public async Task Vbd_hotplug_rules()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var (host, sr) = await HostAndSrAsync(session);
        var vm = await session.Vm.CreateAsync(Records.NovaVm("instance-vbd"));
        var disk = await session.Vdi.CreateAsync(Records.Disk(sr, "data", 4L << 20));
        var vbd = await session.Vbd.CreateAsync(Records.Root(vm, disk) with { Userdevice = "autodetect", Bootable = false });

        var plugHalted = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vbd.PlugAsync(vbd));
        await session.Vm.StartOnAsync(vm, host);
        var inUse = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vdi.DestroyAsync(disk));
        await session.Vbd.UnplugAsync(vbd);
        var detached = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vbd.UnplugAsync(vbd));
        await session.Vbd.PlugAsync(vbd);
        var attached = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vbd.PlugAsync(vbd));

        Assert.Equal(XenApiErrorCodes.VmBadPowerState, plugHalted.Code);
        Assert.Equal([XenApiErrorCodes.VdiInUse, disk.OpaqueRef, "destroy"], inUse.ErrorDescription);
        Assert.Equal(XenApiErrorCodes.DeviceAlreadyDetached, detached.Code);
        Assert.Equal(XenApiErrorCodes.DeviceAlreadyAttached, attached.Code);
        Assert.Equal("0", (await session.Vbd.GetRecordAsync(vbd)).Userdevice);
    }
}
