using ControlPlane.Api.Compute.Images;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Instances;
using ControlPlane.Domain.States;

namespace ControlPlane.Api.Compute.Shelve;

/// <summary>
/// The shelved image of a server that is deleted while shelved or shelved_offloaded (Nova's <c>compute/api.py _delete</c>
/// deletes <c>shelved_image_id</c>); a failure is logged, never fails the delete (Nova warns on ImageNotFound / NotAuthorized).
/// </summary>
public sealed class ShelvedImages(ImageServiceClient images, ILogger<ShelvedImages> logger)
{
    /// <summary>Deletes the shelved image of <paramref name="instance"/>, if it is shelved and has one, with the caller's token.</summary>
    public async Task DeleteAsync(InstanceRecord instance, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.VmState is not (VmState.Shelved or VmState.ShelvedOffloaded) || ShelvedMetadata.ImageId(instance.SystemMetadataJson) is not { } imageId)
        {
            return;
        }
        try
        {
            await images.DeleteAsync(imageId, token, cancellationToken);
            ShelveApiLog.ShelvedImageDeleted(logger, imageId, instance.Id);
        }
        catch (ControlPlaneException e)
        {
            ShelveApiLog.ShelvedImageDeleteFailed(logger, e, imageId, instance.Id);
        }
    }
}
