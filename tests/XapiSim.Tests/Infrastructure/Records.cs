using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;

namespace XapiSim.Tests.Infrastructure;

/// <summary>Constructor records shaped like the ones Nova's driver sends.</summary>
internal static class Records
{
    public static VmRecord NovaVm(string name, long memory = 512L << 20) => new()
    {
        NameLabel = name,
        MemoryStaticMin = 0,
        MemoryStaticMax = memory,
        MemoryDynamicMin = memory,
        MemoryDynamicMax = memory,
        MemoryTarget = memory,
        VcpusMax = 2,
        VcpusAtStartup = 2,
        VcpusParams = new() { ["weight"] = "256" },
        Platform = new() { ["acpi"] = "true", ["apic"] = "true", ["pae"] = "true", ["viridian"] = "false", ["timeoffset"] = "0" },
        OtherConfig = new() { ["nova_uuid"] = Guid.NewGuid().ToString() },
        XenstoreData = new() { ["vm-data/allowvssprovider"] = "false" },
        PvBootloader = "pygrub",
    };

    public static VdiRecord Disk(SrRef sr, string name, long size) => new()
    {
        NameLabel = name,
        NameDescription = "root",
        Sr = sr,
        VirtualSize = size,
        Type = VdiType.User,
        OtherConfig = new() { ["nova_disk_type"] = "root" },
    };

    public static VbdRecord Root(VmRef vm, VdiRef vdi) => new()
    {
        Vm = vm,
        Vdi = vdi,
        Userdevice = "0",
        Bootable = true,
        Mode = VbdMode.RW,
        Type = VbdType.Disk,
    };
}
