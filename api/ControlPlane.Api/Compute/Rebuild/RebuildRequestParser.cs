using System.Net.Sockets;
using System.Text.Json;
using ControlPlane.Api.Compute.Servers;
using ControlPlane.Api.Microversions;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.Rebuild;

/// <summary>
/// Validates the value of a <c>rebuild</c> action as Nova's <c>servers.rebuild</c> schemas do: an object with the
/// required <c>imageRef</c>; <c>name</c>, <c>adminPass</c>, <c>metadata</c>, <c>preserve_ephemeral</c>,
/// <c>OS-DCF:diskConfig</c>, <c>accessIPv4</c>, <c>accessIPv6</c>, <c>personality</c> (until 2.56); <c>description</c>
/// from 2.19, <c>key_name</c> from 2.54, <c>user_data</c> from 2.57; nothing else. More metadata items than the quota is
/// 403, as Nova's quota check.
/// </summary>
public static class RebuildRequestParser
{
    private static readonly string[] Base =
    [
        "imageRef", "name", "adminPass", "metadata", "preserve_ephemeral", "OS-DCF:diskConfig", "accessIPv4", "accessIPv6", "personality",
    ];

    /// <summary>Parses the value of the <c>rebuild</c> key at <paramref name="version"/>; 400 naming the field on bad input.</summary>
    public static RebuildRequest Parse(JsonElement value, ApiVersion version)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw BodyFields.Invalid("rebuild", value, $"{BodyFields.Shorten(value.GetRawText())} is not of type 'object'");
        }
        BodyFields.RejectUnknown(value, "rebuild", Allowed(version));
        if (!value.TryGetProperty("imageRef", out var image))
        {
            throw BodyFields.Invalid("rebuild", value, "'imageRef' is a required property");
        }

        var request = new RebuildRequest { ImageRef = CreateServerParser.ImageRef(image) };
        foreach (var p in value.EnumerateObject())
        {
            request = Apply(request, p);
        }
        return request;
    }

    private static RebuildRequest Apply(RebuildRequest r, JsonProperty p)
    {
        var v = p.Value;
        switch (p.Name)
        {
            case "name":
                return r with { Name = BodyFields.Name(v, "name") };
            case "adminPass":
                return r with { AdminPass = BodyFields.String(v, "adminPass", 0, 255) };
            case "metadata":
                var metadata = BodyFields.Metadata(v, "metadata");
                return metadata.Count > CreateServerParser.MaxMetadataItems
                    ? throw new OverQuotaException($"Quota exceeded for metadata_items: Requested {metadata.Count}, but already used 0 of {CreateServerParser.MaxMetadataItems} metadata_items")
                    : r with { Metadata = metadata };
            case "preserve_ephemeral":
                return v.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? r with { PreserveEphemeral = v.GetBoolean() }
                    : throw BodyFields.Invalid("preserve_ephemeral", v, $"{BodyFields.Shorten(v.GetRawText())} is not of type 'boolean'");
            case "OS-DCF:diskConfig":
                var dc = BodyFields.String(v, "OS-DCF:diskConfig", 1, 10);
                return dc is "AUTO" or "MANUAL" ? r with { AutoDiskConfig = dc == "AUTO" } : throw BodyFields.Invalid("OS-DCF:diskConfig", v, $"'{dc}' is not one of ['AUTO', 'MANUAL']");
            case "accessIPv4":
                return r with { HasAccessIpV4 = true, AccessIpV4 = BodyFields.Ip(v, "accessIPv4", AddressFamily.InterNetwork) };
            case "accessIPv6":
                return r with { HasAccessIpV6 = true, AccessIpV6 = BodyFields.Ip(v, "accessIPv6", AddressFamily.InterNetworkV6) };
            case "personality":
                return v.ValueKind == JsonValueKind.Array && v.GetArrayLength() == 0
                    ? r
                    : throw new InvalidException("Personality files are not supported; pass user_data instead.");
            case "description":
                return r with { HasDescription = true, Description = v.ValueKind == JsonValueKind.Null ? null : BodyFields.Description(v, "description") };
            case "key_name":
                return r with { HasKeyName = true, KeyName = v.ValueKind == JsonValueKind.Null ? null : BodyFields.String(v, "key_name", 1, 255) };
            case "user_data":
                return r with { HasUserData = true, UserData = CreateServerParser.UserData(v) };
            default:
                return r;
        }
    }

    private static HashSet<string> Allowed(ApiVersion version)
    {
        var allowed = new HashSet<string>(Base, StringComparer.Ordinal);
        if (version.AtLeast(19)) { allowed.Add("description"); }
        if (version.AtLeast(54)) { allowed.Add("key_name"); }
        if (version.AtLeast(57)) { allowed.Add("user_data"); allowed.Remove("personality"); }
        return allowed;
    }
}
