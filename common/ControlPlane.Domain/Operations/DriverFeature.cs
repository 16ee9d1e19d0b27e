namespace ControlPlane.Domain.Operations;

/// <summary>
/// An optional virt-driver ability an operation needs. A compute host publishes the features of its
/// driver in its service report; the api refuses an operation whose feature the instance's host lacks,
/// before anything is written (Nova answers such a request with 409 or 400, see
/// <see cref="InstanceOperation.MissingFeatureIsConflict"/>).
/// </summary>
public enum DriverFeature
{
    /// <summary>Snapshot of the root disk into an image (createImage, shelve).</summary>
    Snapshot,

    /// <summary>Resize and cold migration between hosts.</summary>
    Resize,

    /// <summary>Rescue and unrescue.</summary>
    Rescue,

    /// <summary>A VNC console.</summary>
    VncConsole,

    /// <summary>Pause and unpause.</summary>
    Pause,

    /// <summary>Suspend and resume.</summary>
    Suspend,

    /// <summary>The instance's console log.</summary>
    ConsoleOutput,

    /// <summary>Rebuild on the same host from another image.</summary>
    Rebuild,
}
