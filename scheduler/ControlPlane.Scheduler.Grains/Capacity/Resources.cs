namespace ControlPlane.Scheduler.Grains.Capacity;

/// <summary>
/// An amount of the three resources the scheduler accounts for: RAM (MB), virtual CPUs and local
/// disk (MB). Used both for a host's physical totals and for what one instance claims.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Resources(
    [property: Id(0)] long MemoryMb,
    [property: Id(1)] int Vcpus,
    [property: Id(2)] long DiskMb)
{
    /// <summary>Nothing at all.</summary>
    public static Resources Zero { get; } = new(0, 0, 0);

    /// <summary>
    /// What an instance of a flavor needs, as Nova's filters count it: disk is
    /// <c>(root_gb + ephemeral_gb) * 1024 + swap_mb</c> MB.
    /// </summary>
    public static Resources ForFlavor(int memoryMb, int vcpus, int rootGb, int ephemeralGb, int swapMb) =>
        new(memoryMb, vcpus, ((long)rootGb + ephemeralGb) * 1024L + swapMb);

    /// <summary>The physical totals a compute host reports (<c>local_gb</c> is in GB).</summary>
    public static Resources ForHost(long memoryMb, int vcpus, long localGb) => new(memoryMb, vcpus, localGb * 1024L);

    /// <summary>Component-wise sum.</summary>
    public Resources Add(Resources other) => new(MemoryMb + other.MemoryMb, Vcpus + other.Vcpus, DiskMb + other.DiskMb);

    /// <summary>Component-wise difference.</summary>
    public Resources Subtract(Resources other) => new(MemoryMb - other.MemoryMb, Vcpus - other.Vcpus, DiskMb - other.DiskMb);

    /// <summary>True when any component is negative (a request must not be).</summary>
    public bool HasNegative => MemoryMb < 0 || Vcpus < 0 || DiskMb < 0;
}
