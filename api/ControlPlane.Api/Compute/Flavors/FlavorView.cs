using System.Text.Json.Nodes;
using ControlPlane.Api.Microversions;
using ControlPlane.Data.Flavors;

namespace ControlPlane.Api.Compute.Flavors;

/// <summary>Renders flavors as Nova does at a given microversion.</summary>
public static class FlavorView
{
    /// <summary>The summary form (<c>GET /flavors</c>): id, name, links (+ description from 2.55).</summary>
    public static JsonObject Summary(FlavorRecord flavor, ApiVersion version, ComputeLinks links)
    {
        var body = new JsonObject { ["id"] = flavor.Id, ["name"] = flavor.Name, ["links"] = links.SelfAndBookmark("flavors", flavor.Id) };
        if (version.AtLeast(55))
        {
            body["description"] = flavor.Description;
        }
        return body;
    }

    /// <summary>The detailed form (<c>GET /flavors/detail</c>, <c>GET /flavors/{id}</c>).</summary>
    public static JsonObject Detail(FlavorRecord flavor, ApiVersion version, ComputeLinks links)
    {
        var body = new JsonObject
        {
            ["id"] = flavor.Id,
            ["name"] = flavor.Name,
            ["ram"] = flavor.MemoryMb,
            ["disk"] = flavor.RootGb,
            ["vcpus"] = flavor.Vcpus,
            ["links"] = links.SelfAndBookmark("flavors", flavor.Id),
            ["OS-FLV-EXT-DATA:ephemeral"] = flavor.EphemeralGb,
            ["OS-FLV-DISABLED:disabled"] = flavor.Disabled,
            ["os-flavor-access:is_public"] = flavor.IsPublic,
            // NOTE(api): Nova renders a zero swap as "" until 2.75, then as 0.
            ["swap"] = flavor.SwapMb == 0 && !version.AtLeast(75) ? JsonValue.Create(string.Empty) : JsonValue.Create(flavor.SwapMb),
            ["rxtx_factor"] = Math.Round((double)flavor.RxtxFactor, 6),
        };
        if (version.AtLeast(55))
        {
            body["description"] = flavor.Description;
        }
        if (version.AtLeast(61))
        {
            body["extra_specs"] = ExtraSpecs(flavor);
        }
        return body;
    }

    /// <summary>The extra specs as a JSON object.</summary>
    public static JsonObject ExtraSpecs(FlavorRecord flavor) => ExtraSpecs(flavor.ExtraSpecs);

    /// <summary>Extra specs as a JSON object, ordered by key.</summary>
    public static JsonObject ExtraSpecs(IReadOnlyDictionary<string, string> extraSpecs) =>
        new(extraSpecs.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
}
