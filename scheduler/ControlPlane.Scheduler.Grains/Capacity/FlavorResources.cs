using System.Text.Json;

namespace ControlPlane.Scheduler.Grains.Capacity;

/// <summary>
/// Reads the flavor copy stored in <c>instances.flavor</c> (jsonb). Accepts the column names of the
/// <c>flavors</c> table (<c>memory_mb</c>, <c>vcpus</c>, <c>root_gb</c>, <c>ephemeral_gb</c>,
/// <c>swap_mb</c>) and Nova's API names (<c>ram</c>, <c>disk</c>, <c>OS-FLV-EXT-DATA:ephemeral</c>,
/// <c>swap</c>); a missing optional size counts as 0.
/// </summary>
public static class FlavorResources
{
    /// <summary>Parses the flavor json; throws <see cref="FormatException"/> when RAM or vCPUs are missing.</summary>
    public static Resources Parse(string flavorJson)
    {
        using var document = JsonDocument.Parse(flavorJson);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The instance's flavor copy is not a JSON object.");
        }
        var memory = Read(root, "memory_mb", "ram") ?? throw new FormatException("The instance's flavor copy has no memory_mb.");
        var vcpus = Read(root, "vcpus", "vcpus") ?? throw new FormatException("The instance's flavor copy has no vcpus.");
        var rootGb = Read(root, "root_gb", "disk") ?? 0;
        var ephemeral = Read(root, "ephemeral_gb", "OS-FLV-EXT-DATA:ephemeral") ?? 0;
        var swap = Read(root, "swap_mb", "swap") ?? 0;
        return Resources.ForFlavor((int)memory, (int)vcpus, (int)rootGb, (int)ephemeral, (int)swap);
    }

    private static long? Read(JsonElement root, string name, string alternate)
    {
        foreach (var key in new[] { name, alternate })
        {
            if (!root.TryGetProperty(key, out var value))
            {
                continue;
            }
            switch (value.ValueKind)
            {
                case JsonValueKind.Number when value.TryGetInt64(out var n):
                    return n;
                case JsonValueKind.String when value.GetString() is { Length: 0 }:
                    return 0; // Nova shows "no swap" as an empty string
                case JsonValueKind.String when long.TryParse(value.GetString(), out var s):
                    return s;
                default:
                    throw new FormatException($"The instance's flavor copy has a non-integer {key}.");
            }
        }
        return null;
    }
}
