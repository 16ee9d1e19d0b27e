namespace ControlPlane.Scheduler.Grains.Capacity;

/// <summary>Result of a claim attempt on one host.</summary>
public enum ClaimOutcome
{
    /// <summary>The claim was recorded now.</summary>
    Claimed = 0,

    /// <summary>The instance already held a claim on this host (redelivery); nothing changed.</summary>
    AlreadyClaimed = 1,

    /// <summary>Not enough RAM under the RAM allocation ratio.</summary>
    InsufficientRam = 2,

    /// <summary>Not enough vCPUs under the CPU allocation ratio.</summary>
    InsufficientVcpus = 3,

    /// <summary>Not enough disk under the disk allocation ratio.</summary>
    InsufficientDisk = 4,

    /// <summary>The host has not reported its capacity yet.</summary>
    UnknownCapacity = 5,
}
