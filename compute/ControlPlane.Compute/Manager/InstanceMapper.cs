using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Errors;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Manager;

/// <summary>Turns the control plane's <see cref="InstanceSpec"/> into what a driver needs, refusing
/// malformed input with <see cref="InvalidException"/> naming the field.</summary>
public static class InstanceMapper
{
    /// <summary>The instance uuid of <paramref name="spec"/>.</summary>
    public static Guid ParseId(InstanceSpec? spec)
    {
        if (spec is null)
        {
            throw new InvalidException("instance is missing.");
        }

        return Guid.TryParse(spec.InstanceId, out var id) && id != Guid.Empty
            ? id
            : throw new InvalidException($"instance.instance_id '{Truncate(spec.InstanceId)}' is not a uuid.");
    }

    /// <summary>The driver's view of <paramref name="spec"/>. For a terminate the flavor and image
    /// may be absent: <paramref name="requireFlavor"/> false fills zeros.</summary>
    public static VirtInstance ToVirt(InstanceSpec spec, bool requireFlavor)
    {
        var id = ParseId(spec);
        // NOTE(compute): the name comes from the one rule (Domain InstanceNames), applied by the api and the
        // scheduler when they build the spec; the compute never invents another.
        var name = string.IsNullOrWhiteSpace(spec.InstanceName)
            ? throw new InvalidException("instance.instance_name is missing.")
            : spec.InstanceName;
        if (name.Length > 255)
        {
            throw new InvalidException("instance.instance_name is longer than 255 characters.");
        }

        if (!requireFlavor)
        {
            Guid.TryParse(spec.ImageId, out var anyImage);
            return new VirtInstance(id, name, spec.Flavor?.MemoryMb ?? 0, spec.Flavor?.Vcpus ?? 0, spec.Flavor?.RootGb ?? 0, anyImage);
        }

        var flavor = spec.Flavor ?? throw new InvalidException("instance.flavor is missing.");
        if (flavor.MemoryMb <= 0 || flavor.Vcpus <= 0 || flavor.RootGb < 0)
        {
            throw new InvalidException($"instance.flavor is invalid (memory_mb {flavor.MemoryMb}, vcpus {flavor.Vcpus}, root_gb {flavor.RootGb}).");
        }

        if (!Guid.TryParse(spec.ImageId, out var imageId))
        {
            throw new InvalidException($"instance.image_id '{Truncate(spec.ImageId)}' is not a uuid.");
        }

        return new VirtInstance(id, name, flavor.MemoryMb, flavor.Vcpus, flavor.RootGb, imageId);
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "...";
}
