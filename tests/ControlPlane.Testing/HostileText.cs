namespace ControlPlane.Testing;

/// <summary>
/// Hostile strings for the text-hygiene fuzz tests, in the forms a request carries them: as a JSON
/// string literal (with its quotes, escapes intact, so a lone surrogate reaches the server as
/// <c>\ud800</c>), as raw body bytes that are not UTF-8, and as a percent-encoded query value.
/// </summary>
public static class HostileText
{
    /// <summary>A hostile value: its label, its JSON literal, and whether only printable-text fields must refuse it.</summary>
    public sealed record Value(string Label, string JsonLiteral, bool PrintableOnly);

    /// <summary>Refused by every string field (PostgreSQL cannot store them).</summary>
    public static readonly IReadOnlyList<Value> Unstorable =
    [
        new("NUL", "\"a\\u0000b\"", false),
        new("trailing NUL", "\"a\\u0000\"", false),
        new("lone high surrogate", "\"a\\ud800b\"", false),
        new("lone low surrogate", "\"\\udc00\"", false),
    ];

    /// <summary>Refused by fields of Nova's printable formats (names, descriptions).</summary>
    public static readonly IReadOnlyList<Value> NonPrintable =
    [
        new("U+0001", "\"a\\u0001b\"", true),
        new("U+007F", "\"a\\u007fb\"", true),
        new("U+200B", "\"a\\u200bb\"", true),
        new("newline", "\"a\\nb\"", true),
        new("overlong (256)", "\"" + new string('x', 256) + "\"", true),
        new("overlong (64 KiB)", "\"" + new string('x', 65_536) + "\"", true),
    ];

    /// <summary>Bytes placed inside a JSON string that make the body invalid UTF-8 (a lone continuation byte, an encoded surrogate).</summary>
    public static readonly IReadOnlyList<(string Label, byte[] Bytes)> InvalidUtf8 =
    [
        ("byte 0xFF", [0xFF]),
        ("UTF-8-encoded surrogate", [0xED, 0xA0, 0x80]),
    ];

    /// <summary>Percent-encoded query values; those with <c>MustRefuse</c> must be a 4xx, the others only never a 5xx.</summary>
    public static readonly IReadOnlyList<(string Label, string Encoded, bool MustRefuse)> Query =
    [
        ("NUL", "a%00b", true),
        ("only NUL", "%00", true),
        ("UTF-8-encoded surrogate", "a%ED%A0%80b", false),
        ("byte 0xFF", "a%FFb", false),
        ("U+0001", "a%01b", false),
        ("overlong (4000)", new string('x', 4000), false),
    ];

    /// <summary>A JSON body built from <paramref name="template"/> with <c>@@</c> replaced by <paramref name="literal"/>.</summary>
    public static string Body(string template, string literal) => template.Replace("@@", literal, StringComparison.Ordinal);

    /// <summary>UTF-8 bytes of <paramref name="template"/> with <c>@@</c> replaced by a string holding <paramref name="raw"/>.</summary>
    public static byte[] BodyBytes(string template, byte[] raw)
    {
        var at = template.IndexOf("@@", StringComparison.Ordinal);
        var head = System.Text.Encoding.UTF8.GetBytes(template[..at] + "\"a");
        var tail = System.Text.Encoding.UTF8.GetBytes("b\"" + template[(at + 2)..]);
        return [.. head, .. raw, .. tail];
    }
}
