namespace ControlPlane.Compute.Virt.Fake;

/// <summary>
/// Options of the in-memory <see cref="FakeDriver"/> (configuration section <c>FakeDriver</c>,
/// e.g. <c>--FakeDriver:MemoryMb=8192</c>). Capacity is physical; the fake hypervisor accepts
/// instances up to capacity × the matching allocation ratio, so keep the ratios equal to the
/// scheduler's (<c>ram_allocation_ratio</c> 1.5, <c>cpu_allocation_ratio</c> 16,
/// <c>disk_allocation_ratio</c> 1.0) for admitted builds to fit.
/// </summary>
public sealed class FakeDriverOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "FakeDriver";

    /// <summary>Total memory, MiB. Default 32768.</summary>
    public long MemoryMb { get; set; } = 32768;

    /// <summary>Physical CPUs. Default 16.</summary>
    public int Vcpus { get; set; } = 16;

    /// <summary>Total instance disk, GiB. Default 1024.</summary>
    public long DiskGb { get; set; } = 1024;

    /// <summary>Memory over-commit the fake hypervisor tolerates. Default 1.5.</summary>
    public double RamAllocationRatio { get; set; } = 1.5;

    /// <summary>CPU over-commit the fake hypervisor tolerates. Default 16.</summary>
    public double CpuAllocationRatio { get; set; } = 16.0;

    /// <summary>Disk over-commit the fake hypervisor tolerates. Default 1.0.</summary>
    public double DiskAllocationRatio { get; set; } = 1.0;

    /// <summary>How long a spawn takes (measured on the injected TimeProvider). Default 0.</summary>
    public TimeSpan SpawnDelay { get; set; } = TimeSpan.Zero;

    /// <summary>The next N spawns fail with a retryable <c>DriverOperationException</c> after the
    /// delay, leaving a half-built instance behind (as a real hypervisor might). Default 0.</summary>
    public int FailNextSpawns { get; set; }

    /// <summary>A regular expression; spawns of instances whose <c>InstanceName</c> matches fail like
    /// <see cref="FailNextSpawns"/>. Empty (default) = none.</summary>
    public string FailSpawnNamePattern { get; set; } = "";

    /// <summary>When true every destroy throws a <c>DriverOperationException</c>. Default false.</summary>
    public bool FailDestroy { get; set; }

    /// <summary>Reported hypervisor host name. Empty (default) = the compute host name.</summary>
    public string HypervisorHostname { get; set; } = "";

    /// <summary>Port of the fake console endpoint on 127.0.0.1 (an RFB server behind HTTP CONNECT, like XAPI's).
    /// Default 0: any free port, chosen when the first console is asked for.</summary>
    public int ConsolePort { get; set; }
}
