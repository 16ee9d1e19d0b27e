using ControlPlane.Api.Compute.Images;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.Servers;

/// <summary>Nova's <c>_validate_flavor_image_nostatus</c>: the flavor's memory and root disk must hold the image (create and rebuild).</summary>
public static class FlavorImageFit
{
    /// <summary>400 when a flavor of <paramref name="memoryMb"/> MiB and a <paramref name="rootGb"/> GiB root disk (0 = the
    /// image's own size) cannot run <paramref name="image"/>.</summary>
    public static void Check(int memoryMb, int rootGb, ImageInfo image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (memoryMb < image.MinRamMb)
        {
            throw new InvalidException("Flavor's memory is too small for requested image.");
        }
        if (rootGb > 0)
        {
            if (rootGb < image.MinDiskGb)
            {
                throw new InvalidException("Flavor's disk is too small for requested image.");
            }
            var rootBytes = (long)rootGb * 1024 * 1024 * 1024;
            if (image.SizeBytes > rootBytes)
            {
                throw new InvalidException($"Flavor's disk is too small for requested image. Flavor disk is {rootBytes} bytes, image is {image.SizeBytes} bytes.");
            }
        }
    }
}
