namespace ControlPlane.Compute.Virt.Errors;

/// <summary>
/// An image could not be read: missing or not active (not retryable: every host would fail), or
/// the image service could not be reached or failed (retryable).
/// </summary>
public sealed class ImageUnavailableException(Guid imageId, string message, bool retryable, Exception? inner = null)
    : VirtDriverException($"Image {imageId}: {message}", inner)
{
    /// <summary>The image id.</summary>
    public Guid ImageId { get; } = imageId;

    /// <inheritdoc />
    public override bool Retryable { get; } = retryable;
}
