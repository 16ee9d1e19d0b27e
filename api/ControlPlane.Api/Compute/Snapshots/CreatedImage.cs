namespace ControlPlane.Api.Compute.Snapshots;

/// <summary>The image record a <c>createImage</c> created (queued) and handed to the compute host.</summary>
/// <param name="ImageId">The image id.</param>
/// <param name="InstanceId">The server snapshotted.</param>
public sealed record CreatedImage(Guid ImageId, Guid InstanceId);
