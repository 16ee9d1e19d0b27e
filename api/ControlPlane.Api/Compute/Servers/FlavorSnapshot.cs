using System.Text.Json.Nodes;
using ControlPlane.Data.Flavors;
using ControlPlane.Domain.Flavors;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.Compute.Servers;

/// <summary>
/// The copy of a flavor stored with an instance (<c>instances.flavor</c> jsonb). Keys are those of the
/// <c>FlavorSpec</c> proto (<c>id, name, memory_mb, vcpus, root_gb, ephemeral_gb, swap_mb</c>) plus
/// <c>rxtx_factor</c> and <c>extra_specs</c>; the conductor and quota checks read the same keys.
/// </summary>
public static class FlavorSnapshot
{
    /// <summary>The jsonb text stored for <paramref name="flavor"/>.</summary>
    public static string ToJson(FlavorRecord flavor) => new JsonObject
    {
        ["id"] = flavor.Id,
        ["name"] = flavor.Name,
        ["memory_mb"] = flavor.MemoryMb,
        ["vcpus"] = flavor.Vcpus,
        ["root_gb"] = flavor.RootGb,
        ["ephemeral_gb"] = flavor.EphemeralGb,
        ["swap_mb"] = flavor.SwapMb,
        ["rxtx_factor"] = flavor.RxtxFactor,
        ["extra_specs"] = new JsonObject(flavor.ExtraSpecs.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
    }.ToJsonString();

    /// <summary>The RPC form of a flavor.</summary>
    public static FlavorSpec ToSpec(FlavorRecord f) => new()
    {
        Id = f.Id, Name = f.Name, MemoryMb = f.MemoryMb, Vcpus = f.Vcpus, RootGb = f.RootGb, EphemeralGb = f.EphemeralGb, SwapMb = f.SwapMb,
    };

    /// <summary>The RPC form of a stored flavor copy (parsed by <see cref="FlavorCopy.Parse"/>, the one parser of it).</summary>
    public static FlavorSpec ToSpec(FlavorCopy f) => new()
    {
        Id = f.Id, Name = f.Name, MemoryMb = f.MemoryMb, Vcpus = f.Vcpus, RootGb = f.RootGb, EphemeralGb = f.EphemeralGb, SwapMb = f.SwapMb,
    };
}
