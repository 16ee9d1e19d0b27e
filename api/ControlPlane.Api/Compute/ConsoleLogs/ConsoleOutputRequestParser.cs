using System.Globalization;
using System.Text.Json;
using ControlPlane.Api.Compute.Servers;

namespace ControlPlane.Api.Compute.ConsoleLogs;

/// <summary>
/// Validates the value of <c>os-getConsoleOutput</c> as Nova's schema: an object whose only member <c>length</c> is an
/// integer, a string of digits (optionally negative) or null, at least -1. Returns the lines wanted: null (member
/// missing, null or -1) = the whole log.
/// </summary>
public static class ConsoleOutputRequestParser
{
    private static readonly HashSet<string> Allowed = ["length"];

    /// <summary>Parses the action's value; 400 naming <c>length</c> on bad input.</summary>
    public static int? Parse(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw BodyFields.Invalid("os-getConsoleOutput", value, $"{BodyFields.Shorten(value.GetRawText())} is not of type 'object'");
        }
        BodyFields.RejectUnknown(value, "os-getConsoleOutput", Allowed);
        if (!value.TryGetProperty("length", out var length) || length.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        long lines;
        if (length.ValueKind == JsonValueKind.Number)
        {
            if (!length.TryGetInt64(out lines))
            {
                throw BodyFields.Invalid("length", length, $"{BodyFields.Shorten(length.GetRawText())} is not of type 'integer', 'string', 'null'");
            }
        }
        else if (length.ValueKind == JsonValueKind.String)
        {
            var text = length.GetString()!;
            if (!IsInteger(text))
            {
                throw BodyFields.Invalid("length", length, $"'{BodyFields.Shorten(text)}' does not match '^-?[0-9]+$'");
            }
            lines = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : text.StartsWith('-') ? long.MinValue : long.MaxValue;
        }
        else
        {
            throw BodyFields.Invalid("length", length, $"{BodyFields.Shorten(length.GetRawText())} is not of type 'integer', 'string', 'null'");
        }

        if (lines < -1)
        {
            throw BodyFields.Invalid("length", length, $"{lines} is less than the minimum of -1");
        }
        return lines == -1 ? null : (int)Math.Min(lines, int.MaxValue);
    }

    private static bool IsInteger(string text)
    {
        var digits = text.StartsWith('-') ? text[1..] : text;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit);
    }
}
