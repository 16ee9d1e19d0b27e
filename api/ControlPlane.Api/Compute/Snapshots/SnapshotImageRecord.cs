using System.Text.Json.Nodes;
using ControlPlane.Api.Compute.ImagesProxy;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Flavors;

namespace ControlPlane.Api.Compute.Snapshots;

/// <summary>The Glance image record a <c>createImage</c> creates before it casts.</summary>
public static class SnapshotImageRecord
{
    /// <summary>
    /// The image record: container ovf, disk vhd, private; properties image_type=snapshot, instance_uuid,
    /// base_image_ref, user_id, then the user's metadata, which takes precedence over them (as Nova's
    /// extra_properties; tempest sets image_type); Glance base attributes in the metadata are ignored.
    /// min_ram from the base image, min_disk the larger of the flavor's root disk and the base image's min_disk.
    /// </summary>
    public static JsonObject Build(InstanceRecord instance, CreateImageRequest request, string userId, int baseMinRam, int baseMinDisk)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(request);
        var flavor = FlavorCopy.Parse(instance.FlavorJson);
        var record = new JsonObject
        {
            ["image_type"] = "snapshot",
            ["instance_uuid"] = instance.Id.ToString("D"),
            ["base_image_ref"] = instance.ImageRef,
            ["user_id"] = userId,
        };
        foreach (var (key, value) in request.Metadata)
        {
            if (!ImageProxyView.BaseAttributes.Contains(key))
            {
                record[key] = value;
            }
        }
        record["name"] = request.Name;
        record["container_format"] = "ovf";
        record["disk_format"] = "vhd";
        record["visibility"] = "private";
        record["min_ram"] = baseMinRam;
        record["min_disk"] = Math.Max(flavor.RootGb, baseMinDisk);
        return record;
    }
}
