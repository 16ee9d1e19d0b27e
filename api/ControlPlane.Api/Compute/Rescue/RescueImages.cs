using ControlPlane.Api.Compute.Images;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.Rescue;

/// <summary>
/// Chooses the image a rescue boots (reference C.2, Juno and later): the requested <c>rescue_image_ref</c>; else the
/// base image the server's image was snapshotted from (its <c>base_image_ref</c> property, Nova's
/// <c>image_base_image_ref</c>) when the caller can still boot it; else the server's own image. The image is looked up
/// with the caller's token (visibility is the imagestore's decision) and must be active with data: otherwise 400,
/// before anything changes.
/// </summary>
public sealed class RescueImages(ImageServiceClient images)
{
    /// <summary>The rescue image id for <paramref name="instance"/>; 400 when it is unknown or cannot boot.</summary>
    public async Task<Guid> SelectAsync(InstanceRecord instance, Guid? requested, string userToken, CancellationToken cancellationToken)
    {
        if (requested is { } explicitId)
        {
            return Bootable(await images.FindInfoAsync(explicitId, userToken, cancellationToken).ConfigureAwait(false), explicitId);
        }

        var ownId = Guid.TryParse(instance.ImageRef, out var parsed)
            ? parsed
            : throw new InvalidException($"Server {instance.Id} has no image to rescue with; give rescue_image_ref.");
        var own = await images.FindInfoAsync(ownId, userToken, cancellationToken).ConfigureAwait(false);
        if (Guid.TryParse(own?.BaseImageRef, out var baseId)
            && await images.FindInfoAsync(baseId, userToken, cancellationToken).ConfigureAwait(false) is { } baseImage && IsBootable(baseImage))
        {
            return baseId;
        }

        return Bootable(own, ownId);
    }

    private static Guid Bootable(ImageInfo? image, Guid id)
    {
        if (image is null)
        {
            throw new InvalidException($"Image {id} could not be found.");
        }

        return IsBootable(image) ? id : throw new InvalidException($"Image {id} is not bootable: its status is {image.Status} and it must be active with data.");
    }

    private static bool IsBootable(ImageInfo image) => image.Status == "active" && image.SizeBytes > 0;
}
