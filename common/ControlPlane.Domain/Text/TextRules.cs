using System.Globalization;
using System.Text;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Domain.Text;

/// <summary>
/// The one validation of user-supplied text (names, descriptions, metadata, tags, filters) shared by
/// every service and transport. It follows Nova's <c>api/validation/parameter_types.py</c>: a
/// printable character is one outside the Unicode "C" categories and, among the "Z" categories, only
/// a space separator. NUL and unpaired surrogates are refused for every kind: PostgreSQL cannot
/// store them (SQLSTATE 22021), so letting one through would turn bad input into a 500.
/// </summary>
public static class TextRules
{
    /// <summary>
    /// Why <paramref name="value"/> is not acceptable as <paramref name="kind"/>, or <c>null</c> when it is.
    /// The reason names the first offending character by code point, never echoing it.
    /// </summary>
    public static string? Problem(string value, TextKind kind)
    {
        ArgumentNullException.ThrowIfNull(value);
        var span = value.AsSpan();
        var index = 0;
        while (index < span.Length)
        {
            if (Rune.DecodeFromUtf16(span[index..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return $"contains an unpaired UTF-16 surrogate (U+{(int)span[index]:X4}) at position {index}";
            }
            if (rune.Value == 0)
            {
                return $"contains a NUL character at position {index}";
            }
            if (kind != TextKind.Storable && !IsPrintable(rune))
            {
                return $"contains the non-printable character U+{rune.Value:X4} at position {index}";
            }
            index += consumed;
        }
        if (kind == TextKind.Name && value.Length > 0
            && (Rune.IsWhiteSpace(Rune.GetRuneAt(value, 0)) || Rune.IsWhiteSpace(LastRune(value))))
        {
            return "starts or ends with whitespace";
        }
        return null;
    }

    /// <summary>True when <paramref name="value"/> is acceptable as <paramref name="kind"/>.</summary>
    public static bool IsValid(string value, TextKind kind) => Problem(value, kind) is null;

    /// <summary>Returns <paramref name="value"/>, or throws a 400 naming <paramref name="field"/> and the problem.</summary>
    public static string Require(string value, string field, TextKind kind) =>
        Problem(value, kind) is { } problem
            ? throw new InvalidException($"Invalid input for field/attribute {field}: the value {problem}.")
            : value;

    /// <summary>Nova's printable test for one code point.</summary>
    public static bool IsPrintable(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => false,
        UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
        _ => true,
    };

    private static Rune LastRune(string value) =>
        Rune.DecodeLastFromUtf16(value, out var rune, out _) == System.Buffers.OperationStatus.Done ? rune : Rune.ReplacementChar;
}
