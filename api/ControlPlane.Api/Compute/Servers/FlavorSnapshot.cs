using System.Text.Json;
using System.Text.Json.Nodes;
using ControlPlane.Data.Flavors;
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

    /// <summary>Parses the stored copy back.</summary>
    public static FlavorRecord Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        string S(string n) => r.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
        int I(string n) => r.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
        var specs = new Dictionary<string, string>();
        if (r.TryGetProperty("extra_specs", out var es) && es.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in es.EnumerateObject())
            {
                specs[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
        }
        var rxtx = r.TryGetProperty("rxtx_factor", out var rx) && rx.ValueKind == JsonValueKind.Number ? rx.GetSingle() : 1.0f;
        return new FlavorRecord(S("id"), S("name"), I("memory_mb"), I("vcpus"), I("root_gb"), I("ephemeral_gb"), I("swap_mb"), rxtx, true, false, null, specs);
    }

    /// <summary>The RPC form.</summary>
    public static FlavorSpec ToSpec(FlavorRecord f) => new()
    {
        Id = f.Id, Name = f.Name, MemoryMb = f.MemoryMb, Vcpus = f.Vcpus, RootGb = f.RootGb, EphemeralGb = f.EphemeralGb, SwapMb = f.SwapMb,
    };
}
