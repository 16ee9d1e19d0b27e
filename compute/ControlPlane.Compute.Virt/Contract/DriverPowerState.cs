namespace ControlPlane.Compute.Virt.Contract;

/// <summary>
/// An instance's power state as a driver reports it. Numeric values equal Nova's
/// <c>power_state</c> constants (and <c>ControlPlane.Domain.States.PowerState</c>), so the
/// compute manager reports them unchanged.
/// </summary>
public enum DriverPowerState
{
    /// <summary>Unknown, or the VM exists but has not been started yet.</summary>
    NoState = 0,

    /// <summary>Running.</summary>
    Running = 1,

    /// <summary>Paused in memory.</summary>
    Paused = 3,

    /// <summary>Halted.</summary>
    Shutdown = 4,

    /// <summary>Crashed.</summary>
    Crashed = 6,

    /// <summary>Suspended to disk.</summary>
    Suspended = 7,
}
