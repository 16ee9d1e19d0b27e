using System.Text.Json;
using System.Text.Unicode;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Domain.Text;

/// <summary>
/// Checks a JSON request body as a whole before any field is read: the bytes must be valid UTF-8
/// and every string and property name must be <see cref="TextKind.Storable"/> (a <c>\u0000</c> or
/// an escaped lone surrogate such as <c>\ud800</c> is refused). Field parsers then apply the
/// stricter kinds where Nova or Glance require them.
/// </summary>
public static class BodyText
{
    /// <summary>400 when <paramref name="utf8"/> is not well-formed UTF-8.</summary>
    public static void RequireUtf8(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
        {
            throw new InvalidException("The request body is not valid UTF-8.");
        }
    }

    /// <summary>400 naming the JSON path of the first string or property name that is not storable text.</summary>
    public static void RequireStorable(JsonElement root) => Walk(root, "$");

    private static void Walk(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = Read(() => property.Name, path);
                    Check(name, path + " (a property name)");
                    Walk(property.Value, path + "." + Shorten(name));
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, path + "[" + index++ + "]");
                }
                break;
            case JsonValueKind.String:
                Check(Read(element.GetString, path)!, path);
                break;
        }
    }

    private static string Read(Func<string?> read, string path)
    {
        try
        {
            return read() ?? string.Empty;
        }
        catch (InvalidOperationException e)
        {
            // System.Text.Json refuses to transcode an escaped lone surrogate or invalid UTF-8.
            throw new InvalidException($"Invalid string in the request body at {path}: it is not valid Unicode text.", e);
        }
    }

    private static void Check(string value, string path)
    {
        if (TextRules.Problem(value, TextKind.Storable) is { } problem)
        {
            throw new InvalidException($"Invalid string in the request body at {path}: it {problem}.");
        }
    }

    private static string Shorten(string name) => name.Length <= 40 ? name : name[..40] + "...";
}
