using System.Net.Sockets;
using System.Text.Json;
using ControlPlane.Api.Microversions;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.Servers;

/// <summary>
/// Validates a <c>POST /servers</c> body as Nova's request schema does at the request's microversion:
/// unknown fields (including fields from later microversions) are rejected, every field is typed,
/// and features this control plane does not provide (block devices, personality, key pairs,
/// networks by id, multi-create, targeted hosts) are a clear 400 rather than silently ignored.
/// </summary>
public static class CreateServerParser
{
    /// <summary>Nova's default <c>metadata_items</c> quota.</summary>
    public const int MaxMetadataItems = 128;

    private static readonly string[] Base =
    [
        "name", "imageRef", "flavorRef", "adminPass", "metadata", "networks", "availability_zone", "key_name", "user_data",
        "accessIPv4", "accessIPv6", "OS-DCF:diskConfig", "security_groups", "config_drive", "min_count", "max_count",
        "return_reservation_id", "block_device_mapping", "block_device_mapping_v2", "personality",
    ];

    /// <summary>Parses and validates the body root.</summary>
    public static CreateServerRequest Parse(JsonElement root, ApiVersion version)
    {
        var server = BodyFields.RootObject(root, "server");
        BodyFields.RejectUnknown(root, "body", new HashSet<string> { "server", "os:scheduler_hints", "OS-SCH-HNT:scheduler_hints" });
        BodyFields.RejectUnknown(server, "server", Allowed(version));

        if (!server.TryGetProperty("name", out var nameValue))
        {
            throw BodyFields.Invalid("server", server, "'name' is a required property");
        }
        if (!server.TryGetProperty("flavorRef", out var flavorValue))
        {
            throw BodyFields.Invalid("server", server, "'flavorRef' is a required property");
        }
        if (version.AtLeast(37) && !server.TryGetProperty("networks", out _))
        {
            throw BodyFields.Invalid("server", server, "'networks' is a required property");
        }
        foreach (var unsupported in new[] { "block_device_mapping", "block_device_mapping_v2" })
        {
            if (server.TryGetProperty(unsupported, out _))
            {
                throw new InvalidException("Block device mapping is not supported; boot from an image with imageRef.");
            }
        }
        if (server.TryGetProperty("personality", out var personality) && personality.ValueKind == JsonValueKind.Array && personality.GetArrayLength() > 0)
        {
            throw new InvalidException("Personality files are not supported; pass user_data instead.");
        }
        if (!server.TryGetProperty("imageRef", out var imageValue))
        {
            throw BodyFields.Invalid("server", server, "'imageRef' is a required property");
        }

        var request = new CreateServerRequest
        {
            Name = BodyFields.Name(nameValue, "name"),
            FlavorRef = FlavorRef(flavorValue),
            ImageRef = ImageRef(imageValue),
        };
        foreach (var p in server.EnumerateObject())
        {
            request = Apply(request, p, version);
        }
        foreach (var hintsKey in new[] { "os:scheduler_hints", "OS-SCH-HNT:scheduler_hints" })
        {
            if (root.TryGetProperty(hintsKey, out var hints))
            {
                request = request with { ServerGroupId = SchedulerHints.Group(hints, hintsKey) ?? request.ServerGroupId };
            }
        }
        return request;
    }

    private static CreateServerRequest Apply(CreateServerRequest r, JsonProperty p, ApiVersion version)
    {
        var v = p.Value;
        switch (p.Name)
        {
            case "adminPass":
                return r with { AdminPass = BodyFields.String(v, "adminPass", 0, 255) };
            case "metadata":
                var metadata = BodyFields.Metadata(v, "metadata");
                return metadata.Count > MaxMetadataItems
                    ? throw new OverQuotaException($"Quota exceeded for metadata_items: Requested {metadata.Count}, but already used 0 of {MaxMetadataItems} metadata_items")
                    : r with { Metadata = metadata };
            case "networks":
                Networks(v, version);
                return r;
            case "availability_zone":
                var az = BodyFields.String(v, "availability_zone", 1, 255);
                return az == "nova" ? r with { AvailabilityZone = az } : throw new InvalidException("The requested availability zone is not available");
            case "key_name":
                return v.ValueKind == JsonValueKind.Null ? r : r with { KeyName = BodyFields.String(v, "key_name", 1, 255) };
            case "user_data":
                return r with { UserData = UserData(v) };
            case "accessIPv4":
                return r with { AccessIpV4 = BodyFields.Ip(v, "accessIPv4", AddressFamily.InterNetwork) };
            case "accessIPv6":
                return r with { AccessIpV6 = BodyFields.Ip(v, "accessIPv6", AddressFamily.InterNetworkV6) };
            case "OS-DCF:diskConfig":
                var dc = BodyFields.String(v, "OS-DCF:diskConfig", 1, 10);
                return dc is "AUTO" or "MANUAL" ? r with { AutoDiskConfig = dc == "AUTO" } : throw BodyFields.Invalid("OS-DCF:diskConfig", v, $"'{dc}' is not one of ['AUTO', 'MANUAL']");
            case "security_groups":
                SecurityGroups(v);
                return r;
            case "config_drive":
                return r with { ConfigDrive = v.ValueKind != JsonValueKind.Null && BodyFields.Boolean(v, "config_drive") };
            case "min_count" or "max_count":
                return BodyFields.PositiveInteger(v, p.Name) == 1 ? r : throw new InvalidException("Creating more than one server per request is not supported; min_count and max_count must be 1.");
            case "return_reservation_id":
                return r with { ReturnReservationId = BodyFields.Boolean(v, "return_reservation_id") };
            case "description":
                return r with { Description = v.ValueKind == JsonValueKind.Null ? null : BodyFields.Description(v, "description") };
            case "tags":
                return r with { Tags = Tags(v) };
            case "hostname":
                return r with { Hostname = Hostname(v) };
            case "trusted_image_certificates":
                return v.ValueKind == JsonValueKind.Null ? r : throw new InvalidException("Image certificate validation is not supported.");
            case "host" or "hypervisor_hostname":
                throw new InvalidException($"Requesting a specific {p.Name} is not supported.");
            default:
                return r;
        }
    }

    private static HashSet<string> Allowed(ApiVersion version)
    {
        var allowed = new HashSet<string>(Base, StringComparer.Ordinal);
        if (version.AtLeast(19)) { allowed.Add("description"); }
        if (version.AtLeast(52)) { allowed.Add("tags"); }
        if (version.AtLeast(57)) { allowed.Remove("personality"); }
        if (version.AtLeast(63)) { allowed.Add("trusted_image_certificates"); }
        if (version.AtLeast(74)) { allowed.Add("host"); allowed.Add("hypervisor_hostname"); }
        if (version.AtLeast(90)) { allowed.Add("hostname"); }
        return allowed;
    }

    private static string FlavorRef(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String when v.GetString()!.Length > 0 => v.GetString()!,
        JsonValueKind.Number when v.TryGetInt64(out var n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw BodyFields.Invalid("flavorRef", v, $"{BodyFields.Shorten(v.GetRawText())} is not of type 'string', 'integer'"),
    };

    internal static Guid ImageRef(JsonElement v)
    {
        var s = BodyFields.String(v, "imageRef", 0, 255);
        if (s.Length == 0)
        {
            throw new InvalidException("Missing imageRef attribute: booting from a volume is not supported.");
        }
        return Guid.TryParse(s, out var id) ? id : throw BodyFields.Invalid("imageRef", v, $"'{s}' is not a 'uuid'");
    }

    private static void Networks(JsonElement v, ApiVersion version)
    {
        if (v.ValueKind == JsonValueKind.String && version.AtLeast(37))
        {
            var s = v.GetString();
            if (s is "none" or "auto")
            {
                return;
            }
            throw BodyFields.Invalid("networks", v, $"'{s}' is not one of ['none', 'auto']");
        }
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw BodyFields.Invalid("networks", v, $"{BodyFields.Shorten(v.GetRawText())} is not of type 'array'");
        }
        foreach (var item in v.EnumerateArray())
        {
            var id = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("uuid", out var u) ? u.GetRawText() : item.GetRawText();
            throw new InvalidException($"Network {BodyFields.Shorten(id)} could not be found: this cloud has no networks; use networks \"none\".");
        }
    }

    private static void SecurityGroups(JsonElement v)
    {
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw BodyFields.Invalid("security_groups", v, $"{BodyFields.Shorten(v.GetRawText())} is not of type 'array'");
        }
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("name", out var n))
            {
                throw BodyFields.Invalid("security_groups", v, "each item needs a 'name'");
            }
            var name = BodyFields.String(n, "security_groups/name", 1, 255);
            if (name != "default")
            {
                throw new InvalidException($"Security group {name} not found.");
            }
        }
    }

    internal static string? UserData(JsonElement v)
    {
        if (v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        var s = BodyFields.String(v, "user_data", 0, 65535);
        try
        {
            Convert.FromBase64String(s);
            return s;
        }
        catch (FormatException)
        {
            throw BodyFields.Invalid("user_data", v, "is not a 'base64'");
        }
    }

    private static IReadOnlyList<string> Tags(JsonElement v)
    {
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() > 50)
        {
            throw BodyFields.Invalid("tags", v, "must be an array of at most 50 tags");
        }
        return v.EnumerateArray().Select(t =>
        {
            var s = BodyFields.String(t, "tags", 1, 60);
            return s.Contains('/') || s.Contains(',') ? throw BodyFields.Invalid("tags", t, "a tag may not contain '/' or ','") : s;
        }).Distinct(StringComparer.Ordinal).ToList();
    }

    private static string Hostname(JsonElement v)
    {
        var s = BodyFields.String(v, "hostname", 2, 63);
        var valid = s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') && s[0] != '-' && s[^1] != '-' && !s.All(char.IsAsciiDigit);
        return valid ? s : throw BodyFields.Invalid("hostname", v, $"'{s}' is not a valid hostname");
    }
}
