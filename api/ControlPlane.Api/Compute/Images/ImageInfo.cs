namespace ControlPlane.Api.Compute.Images;

/// <summary>What the api needs to know about an image to boot from it.</summary>
/// <param name="Id">Image id.</param>
/// <param name="Status">Glance status (queued, saving, active, ...).</param>
/// <param name="MinRamMb">Minimum RAM the image needs (MB).</param>
/// <param name="MinDiskGb">Minimum root disk the image needs (GB).</param>
/// <param name="SizeBytes">Size of the image data, or <c>null</c> while it has none.</param>
/// <param name="BaseImageRef">The <c>base_image_ref</c> property of a snapshot (the image its server booted from), or null.</param>
public sealed record ImageInfo(Guid Id, string Status, int MinRamMb, int MinDiskGb, long? SizeBytes, string? BaseImageRef = null);
