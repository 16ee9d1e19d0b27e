using System.Collections;
using System.Globalization;
using System.Text.Json;
using ControlPlane.XenApi.Refs;

namespace ControlPlane.XenApi.Wire;

/// <summary>Converts between JSON and the wire object model (the same model <see cref="XmlRpcReader"/> produces).</summary>
public static class JsonRpcValues
{
    /// <summary>Numbers become long when integral, double otherwise.</summary>
    public static object? Read(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Array => e.EnumerateArray().Select(Read).ToList(),
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => Read(p.Value), StringComparer.Ordinal),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.ValueKind, "unexpected JSON value kind"),
    };

    /// <summary>Writes a value: ints as JSON numbers, bools as booleans, datetimes in XAPI's string form.</summary>
    public static void Write(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case IXenRef r: w.WriteStringValue(r.OpaqueRef); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int or long or short or uint: w.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case double d: w.WriteNumberValue(d); break;
            case float f: w.WriteNumberValue(f); break;
            case DateTime dt: w.WriteStringValue(XenDateTime.Format(dt)); break;
            case IDictionary map:
                w.WriteStartObject();
                foreach (DictionaryEntry e in map)
                {
                    w.WritePropertyName(e.Key is IXenRef kr ? kr.OpaqueRef : Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? "");
                    Write(w, e.Value);
                }

                w.WriteEndObject();
                break;
            case IEnumerable list:
                w.WriteStartArray();
                foreach (var item in list)
                {
                    Write(w, item);
                }

                w.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"Cannot encode a {value.GetType().Name} as JSON.", nameof(value));
        }
    }
}
