using System.Globalization;

namespace ControlPlane.XenApi.Wire;

/// <summary>
/// XAPI's datetime wire form: <c>YYYYMMDDTHH:MM:SSZ</c> (Date.to_rfc3339; no dashes, with colons).
/// Parsing is lenient like the official SDK: dashes/colons optional, fractional seconds, offsets.
/// </summary>
public static class XenDateTime
{
    /// <summary>The "unset" value XAPI uses.</summary>
    public static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Formats =
    [
        "yyyyMMdd'T'HH:mm:ss'Z'", "yyyyMMdd'T'HHmmss'Z'", "yyyyMMdd'T'HH:mm:ss", "yyyyMMdd'T'HHmmss",
        "yyyyMMdd'T'HH:mm:ss.FFFFFFF'Z'", "yyyyMMdd'T'HH:mm:sszzz", "yyyyMMdd'T'HH:mm:sszz",
        "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
    ];

    /// <summary>Formats a time as XAPI does (UTC, second precision).</summary>
    public static string Format(DateTime value) =>
        value.ToUniversalTime().ToString("yyyyMMdd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses any of the accepted forms into a UTC time; false if none matches.</summary>
    public static bool TryParse(string? text, out DateTime value)
    {
        value = Epoch;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        const DateTimeStyles styles = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal;
        if (DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, styles, out var parsed))
        {
            value = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
            return true;
        }

        return false;
    }
}
