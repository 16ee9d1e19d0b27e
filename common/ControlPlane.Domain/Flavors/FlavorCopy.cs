using System.Text.Json;

namespace ControlPlane.Domain.Flavors;

/// <summary>
/// The flavor copy stored with an instance (<c>instances.flavor</c> jsonb), the one parser of it (api views and
/// casts, scheduler claims). Accepts the column names of the <c>flavors</c> table (<c>memory_mb</c>, <c>vcpus</c>,
/// <c>root_gb</c>, <c>ephemeral_gb</c>, <c>swap_mb</c>) and Nova's API names (<c>ram</c>, <c>disk</c>,
/// <c>OS-FLV-EXT-DATA:ephemeral</c>, <c>swap</c>); a missing optional size counts as 0; <c>extra_specs</c>
/// values are kept as text.
/// </summary>
public sealed record FlavorCopy(string Id, string Name, int MemoryMb, int Vcpus, int RootGb, int EphemeralGb, int SwapMb)
{
    /// <summary>The flavor's extra specs (empty when the copy has none).</summary>
    public IReadOnlyDictionary<string, string> ExtraSpecs { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Parses the flavor json; throws <see cref="FormatException"/> when RAM or vCPUs are missing or a size is not an integer.</summary>
    public static FlavorCopy Parse(string flavorJson)
    {
        using var document = JsonDocument.Parse(flavorJson);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The instance's flavor copy is not a JSON object.");
        }
        return new FlavorCopy(
            ReadString(root, "id", "flavorid"),
            ReadString(root, "name", "name"),
            ReadInt(root, "memory_mb", "ram") ?? throw new FormatException("The instance's flavor copy has no memory_mb."),
            ReadInt(root, "vcpus", "vcpus") ?? throw new FormatException("The instance's flavor copy has no vcpus."),
            ReadInt(root, "root_gb", "disk") ?? 0,
            ReadInt(root, "ephemeral_gb", "OS-FLV-EXT-DATA:ephemeral") ?? 0,
            ReadInt(root, "swap_mb", "swap") ?? 0)
        {
            ExtraSpecs = ReadSpecs(root),
        };
    }

    /// <summary>Equal when every size, the id, the name and the extra specs (by content) are.</summary>
    public bool Equals(FlavorCopy? other) =>
        other is not null && (Id, Name, MemoryMb, Vcpus, RootGb, EphemeralGb, SwapMb) == (other.Id, other.Name, other.MemoryMb, other.Vcpus, other.RootGb, other.EphemeralGb, other.SwapMb) &&
        ExtraSpecs.Count == other.ExtraSpecs.Count && ExtraSpecs.All(kv => other.ExtraSpecs.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Name, MemoryMb, Vcpus, RootGb, EphemeralGb, SwapMb, ExtraSpecs.Count);

    private static Dictionary<string, string> ReadSpecs(JsonElement root)
    {
        var specs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("extra_specs", out var es) && es.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in es.EnumerateObject())
            {
                specs[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
        }
        return specs;
    }

    private static string ReadString(JsonElement root, string name, string alternate)
    {
        foreach (var key in new[] { name, alternate })
        {
            if (root.TryGetProperty(key, out var value))
            {
                return value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
            }
        }
        return "";
    }

    private static int? ReadInt(JsonElement root, string name, string alternate)
    {
        foreach (var key in new[] { name, alternate })
        {
            if (!root.TryGetProperty(key, out var value))
            {
                continue;
            }
            return value.ValueKind switch
            {
                JsonValueKind.Number when value.TryGetInt32(out var n) && n >= 0 => n,
                JsonValueKind.String when value.GetString() is { Length: 0 } => 0, // Nova shows "no swap" as ""
                JsonValueKind.String when int.TryParse(value.GetString(), out var s) && s >= 0 => s,
                _ => throw new FormatException($"The instance's flavor copy has an invalid {key}."),
            };
        }
        return null;
    }
}
