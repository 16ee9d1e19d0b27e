using System.Text.Json;
using ControlPlane.Api.Compute.Servers;
using ControlPlane.Api.Microversions;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.Resize;

/// <summary>Nova's schemas of <c>resize</c> (<c>flavorRef</c> required, <c>OS-DCF:diskConfig</c> AUTO|MANUAL) and
/// <c>migrate</c> (any value below 2.56, as Nova; from 2.56 null or an object with an optional <c>host</c>).</summary>
public static class ResizeRequestParser
{
    /// <summary>Microversion from which <c>migrate</c> takes a <c>host</c>.</summary>
    public static readonly ApiVersion MigrateHost = new(2, 56);

    private static readonly HashSet<string> ResizeFields = ["flavorRef", "OS-DCF:diskConfig"];
    private static readonly HashSet<string> MigrateFields = ["host"];

    /// <summary>Parses the value of <c>resize</c>.</summary>
    public static ResizeRequest ParseResize(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw BodyFields.Invalid("resize", value, $"{value.GetRawText()} is not of type 'object'");
        }
        BodyFields.RejectUnknown(value, "resize", ResizeFields);
        if (!value.TryGetProperty("flavorRef", out var flavorRef))
        {
            throw new InvalidException("Invalid input for field/attribute resize. Value: " + value.GetRawText() + ". 'flavorRef' is a required property");
        }
        var flavor = flavorRef.ValueKind switch
        {
            JsonValueKind.String => BodyFields.String(flavorRef, "flavorRef", 1, 255),
            JsonValueKind.Number => flavorRef.GetRawText(),
            _ => throw BodyFields.Invalid("flavorRef", flavorRef, $"{flavorRef.GetRawText()} is not of type 'string', 'integer'"),
        };
        bool? auto = null;
        if (value.TryGetProperty("OS-DCF:diskConfig", out var disk))
        {
            auto = disk.ValueKind == JsonValueKind.String ? disk.GetString() switch
            {
                "AUTO" => true,
                "MANUAL" => false,
                _ => throw BodyFields.Invalid("OS-DCF:diskConfig", disk, $"{disk.GetRawText()} is not one of ['AUTO', 'MANUAL']"),
            } : throw BodyFields.Invalid("OS-DCF:diskConfig", disk, $"{disk.GetRawText()} is not one of ['AUTO', 'MANUAL']");
        }
        return new ResizeRequest(flavor.Trim(), auto, null);
    }

    /// <summary>Parses the value of <c>migrate</c> at <paramref name="version"/>.</summary>
    public static ResizeRequest ParseMigrate(JsonElement value, ApiVersion version)
    {
        // Nova validates migrate only from 2.56 (null or an object with an optional host); below, any value is
        // accepted and ignored (tempest sends {}).
        if (value.ValueKind == JsonValueKind.Null || version < MigrateHost)
        {
            return new ResizeRequest(null, null, null);
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw BodyFields.Invalid("migrate", value, $"{value.GetRawText()} is not of type 'object', 'null'");
        }
        BodyFields.RejectUnknown(value, "migrate", MigrateFields);
        string? host = null;
        if (value.TryGetProperty("host", out var h) && h.ValueKind != JsonValueKind.Null)
        {
            host = BodyFields.String(h, "host", 1, 255);
        }
        return new ResizeRequest(null, null, host);
    }
}
