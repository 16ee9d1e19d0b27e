using ControlPlane.Domain.Errors;

namespace ControlPlane.ImageStore.Images;

/// <summary>
/// Glance's visibility and ownership rules. An image the caller may not see is reported as
/// missing (404), never as forbidden, so other projects' private images do not leak.
/// </summary>
public static class ImageAccessPolicy
{
    /// <summary>Whether <paramref name="caller"/> may see <paramref name="image"/>.</summary>
    /// <param name="caller">The caller.</param>
    /// <param name="image">The image.</param>
    /// <param name="callerIsMember">Whether the caller's project is a member of the image (any member status).</param>
    public static bool CanSee(ImageCaller caller, Image image, bool callerIsMember)
    {
        if (image.Status == ImageStatus.Deleted)
        {
            return false;
        }
        if (caller.IsAdmin || image.Owner == caller.ProjectId)
        {
            return true;
        }
        return image.Visibility switch
        {
            ImageVisibility.Public or ImageVisibility.Community => true,
            ImageVisibility.Shared => callerIsMember,
            _ => false,
        };
    }

    /// <summary>Whether <paramref name="caller"/> may change or delete <paramref name="image"/> (owner or admin).</summary>
    public static bool CanModify(ImageCaller caller, Image image) =>
        caller.IsAdmin || (image.Owner == caller.ProjectId && caller.CanWrite);

    /// <summary>Throws 404 when the image is invisible, 403 when visible but not modifiable.</summary>
    public static void EnsureCanModify(ImageCaller caller, Image image, bool callerIsMember)
    {
        if (!CanSee(caller, image, callerIsMember))
        {
            throw new NotFoundException($"No image found with ID {image.Id}");
        }
        if (!CanModify(caller, image))
        {
            throw new ForbiddenException($"You are not authorized to modify image {image.Id}.");
        }
    }

    /// <summary>Whether the caller may download the data (deactivated images: admin only).</summary>
    public static void EnsureCanDownload(ImageCaller caller, Image image)
    {
        if (image.Status == ImageStatus.Deactivated && !caller.IsAdmin)
        {
            throw new ForbiddenException("The requested image has been deactivated. Image data download is forbidden.");
        }
    }
}
