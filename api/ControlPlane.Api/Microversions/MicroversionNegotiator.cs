using System.Globalization;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Microversions;

/// <summary>
/// Picks the microversion of a compute request as Nova does: <c>OpenStack-API-Version: compute X.Y</c>
/// first, then the legacy <c>X-OpenStack-Nova-API-Version: X.Y</c>, else 2.1; <c>latest</c> means the
/// maximum. A malformed value is 400; a version outside [min, max] is 406.
/// </summary>
public static class MicroversionNegotiator
{
    /// <summary>The standard request/response header.</summary>
    public const string Header = "OpenStack-API-Version";

    /// <summary>The legacy Nova header.</summary>
    public const string LegacyHeader = "X-OpenStack-Nova-API-Version";

    /// <summary>Negotiates from the raw header values (either may be null or empty).</summary>
    public static ApiVersion Negotiate(string? standard, string? legacy)
    {
        var requested = FromStandard(standard) ?? Normalize(legacy);
        if (requested is null)
        {
            return ApiVersion.Min;
        }
        if (string.Equals(requested, "latest", StringComparison.OrdinalIgnoreCase))
        {
            return ApiVersion.Max;
        }
        var version = Parse(requested);
        if (version < ApiVersion.Min || version > ApiVersion.Max)
        {
            throw new NotAcceptableException(
                $"Version {requested} is not supported by the API. Minimum is {ApiVersion.Min} and maximum is {ApiVersion.Max}.");
        }
        return version;
    }

    /// <summary>Parses <c>major.minor</c> (non-negative integers, no sign or spaces); 400 otherwise.</summary>
    public static ApiVersion Parse(string value)
    {
        var parts = value.Split('.');
        if (parts.Length == 2 && IsNumber(parts[0]) && IsNumber(parts[1])
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return new ApiVersion(major, minor);
        }
        throw new InvalidException($"API Version String {value} is of invalid format. Must be of format MajorNum.MinorNum.");
    }

    private static bool IsNumber(string s) => s.Length is > 0 and <= 9 && s.All(char.IsAsciiDigit);

    /// <summary>The version named for service <c>compute</c> in a comma-separated <c>service version</c> list, or null.</summary>
    private static string? FromStandard(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }
        foreach (var item in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = item.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (pieces.Length == 2 && string.Equals(pieces[0], "compute", StringComparison.OrdinalIgnoreCase))
            {
                return pieces[1];
            }
        }
        return null;
    }

    private static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
