namespace ControlPlane.Compute.Virt.Contract;

/// <summary>Steps of a resize or cold migration that a driver reports, in order; the compute manager maps them to
/// the instance's <c>progress</c> (Nova's XenAPI steps: 20, 40, 60, 80, 100).</summary>
public enum ResizeProgress
{
    /// <summary>Source: the VM is renamed to <c>-orig</c> and snapshotted (the coalesce wait is over).</summary>
    Snapshotted = 20,

    /// <summary>Source: the immutable chain members are sent while the VM still runs.</summary>
    ImmutableDisksSent = 40,

    /// <summary>Source: the VM is shut down (clean, then hard).</summary>
    PoweredOff = 60,

    /// <summary>Source: the leaf is sent; everything is on the destination.</summary>
    LeafSent = 80,

    /// <summary>Destination: the VM exists with the new flavor (and runs if it ran before).</summary>
    Finished = 100,
}
