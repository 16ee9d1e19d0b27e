using System.Text.Json;
using ControlPlane.Api.Compute.Servers;
using ControlPlane.Api.Microversions;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.Shelve;

/// <summary>
/// Parses the <c>unshelve</c> value as Nova's schemas do: below 2.77 the value is ignored; from 2.77
/// <c>null</c> or <c>{"availability_zone": "..."}</c>; from 2.91 also <c>"host"</c>, and <c>availability_zone</c> may be null.
/// The only zone of this cloud is <c>nova</c>.
/// </summary>
public static class UnshelveRequestParser
{
    /// <summary>Microversion from which unshelve takes an availability zone.</summary>
    public static readonly ApiVersion AvailabilityZone = new(2, 77);

    /// <summary>Microversion from which an admin may name the host.</summary>
    public static readonly ApiVersion Host = new(2, 91);

    /// <summary>The only availability zone.</summary>
    public const string DefaultZone = "nova";

    private static readonly HashSet<string> Fields277 = ["availability_zone"];
    private static readonly HashSet<string> Fields291 = ["availability_zone", "host"];

    /// <summary>Parses <paramref name="value"/> at <paramref name="version"/> (400 naming the problem).</summary>
    public static UnshelveRequest Parse(JsonElement value, ApiVersion version)
    {
        if (version < AvailabilityZone || value.ValueKind == JsonValueKind.Null)
        {
            return UnshelveRequest.Any;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw BodyFields.Invalid("unshelve", value, $"{BodyFields.Shorten(value.GetRawText())} is not of type 'object', 'null'");
        }
        var withHost = version >= Host;
        BodyFields.RejectUnknown(value, "unshelve", withHost ? Fields291 : Fields277);
        string? zone = null;
        if (value.TryGetProperty("availability_zone", out var az) && !(withHost && az.ValueKind == JsonValueKind.Null))
        {
            zone = BodyFields.String(az, "availability_zone", 1, 255);
            if (zone != DefaultZone)
            {
                throw new InvalidException("The requested availability zone is not available");
            }
        }
        string? host = null;
        if (withHost && value.TryGetProperty("host", out var h))
        {
            host = BodyFields.String(h, "host", 1, 255);
            if (host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                throw BodyFields.Invalid("host", h, $"'{BodyFields.Shorten(host)}' is not a valid host name");
            }
        }
        return new UnshelveRequest(zone, host);
    }
}
