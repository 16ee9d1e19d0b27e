namespace ControlPlane.Compute.Virt.Contract;

/// <summary>An instance's rescue state as its driver sees it (<see cref="IRescueDriver.GetRescueStateAsync"/>).</summary>
public enum RescueState
{
    /// <summary>No rescue VM, no rescue disk, no bootlock.</summary>
    NotRescued = 0,

    /// <summary>The rescue VM runs with both disks attached; the instance's own VM is powered off and bootlocked.</summary>
    Rescued = 1,

    /// <summary>Anything in between (an interrupted rescue or unrescue): <see cref="IRescueDriver.UnrescueAsync"/>
    /// clears it.</summary>
    Partial = 2,
}
