using System.Collections;
using System.Globalization;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Refs;

namespace ControlPlane.XenApi.Wire;

/// <summary>
/// Schema-directed conversion of wire values: the caller states the declared XenAPI type and this
/// accepts every form XAPI (or a client such as Nova) uses for it, e.g. an int as untyped text,
/// a decimal string, or a JSON number.
/// </summary>
public static class WireConvert
{
    public static string ToStr(object? v) => v switch
    {
        null => "",
        string s => s,
        IXenRef r => r.OpaqueRef,
        bool b => b ? "true" : "false",
        DateTime dt => XenDateTime.Format(dt),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    public static long ToLong(object? v) => v switch
    {
        long l => l,
        int i => i,
        double d when d == Math.Floor(d) && Math.Abs(d) < 9.2e18 => (long)d,
        string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
        _ => throw new XenApiProtocolException($"expected an int, got '{ToStr(v)}'"),
    };

    public static double ToDouble(object? v) => v switch
    {
        double d => d,
        long l => l,
        int i => i,
        "+Inf" or "inf" => double.PositiveInfinity,
        "-Inf" or "-inf" => double.NegativeInfinity,
        "NaN" or "nan" => double.NaN,
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => throw new XenApiProtocolException($"expected a float, got '{ToStr(v)}'"),
    };

    public static bool ToBool(object? v) => v switch
    {
        bool b => b,
        long l => l != 0,
        string s when s.Equals("true", StringComparison.OrdinalIgnoreCase) || s == "1" => true,
        string s when s.Equals("false", StringComparison.OrdinalIgnoreCase) || s == "0" => false,
        _ => throw new XenApiProtocolException($"expected a bool, got '{ToStr(v)}'"),
    };

    public static DateTime ToDateTime(object? v) => v switch
    {
        DateTime dt => dt,
        string s when XenDateTime.TryParse(s, out var dt) => dt,
        null or "" => XenDateTime.Epoch,
        _ => throw new XenApiProtocolException($"expected a datetime, got '{ToStr(v)}'"),
    };

    public static IReadOnlyList<object?> ToList(object? v) => v switch
    {
        null or "" => [],
        IReadOnlyList<object?> l => l,
        IEnumerable e and not string and not IDictionary => e.Cast<object?>().ToList(),
        _ => throw new XenApiProtocolException($"expected an array, got '{ToStr(v)}'"),
    };

    public static Dictionary<string, object?> ToStruct(object? v) => v switch
    {
        null or "" => new Dictionary<string, object?>(StringComparer.Ordinal),
        Dictionary<string, object?> d => d,
        IDictionary d => d.Cast<DictionaryEntry>().ToDictionary(e => ToStr(e.Key), e => e.Value, StringComparer.Ordinal),
        _ => throw new XenApiProtocolException($"expected a struct, got '{ToStr(v)}'"),
    };

    public static Dictionary<string, string> ToStringMap(object? v) =>
        ToStruct(v).ToDictionary(e => e.Key, e => ToStr(e.Value), StringComparer.Ordinal);

    public static List<string> ToStrings(object? v) => ToList(v).Select(ToStr).ToList();

    public static T ToRef<T>(object? v) where T : IXenRef<T> => T.FromWire(v is null or "" ? OpaqueRefs.Null : ToStr(v));

    public static List<T> ToRefs<T>(object? v) where T : IXenRef<T> => ToList(v).Select(ToRef<T>).ToList();

    /// <summary>A <c>(ref → record) map</c> as returned by <c>get_all_records</c>.</summary>
    public static Dictionary<TRef, TRecord> ToRecordMap<TRef, TRecord>(object? v, Func<WireRecord, TRecord> map)
        where TRef : IXenRef<TRef>, IEquatable<TRef> =>
        ToStruct(v).ToDictionary(e => TRef.FromWire(e.Key), e => map(new WireRecord(ToStruct(e.Value))));

    /// <summary>Case-insensitive enum parse (XAPI lower-cases enum input); unknown values map to the enum's default.</summary>
    public static T ToEnum<T>(object? v) where T : struct, Enum =>
        Enum.TryParse<T>(ToStr(v).Replace("-", "_", StringComparison.Ordinal), ignoreCase: true, out var e) ? e : default;

    /// <summary>An enum's wire name; <paramref name="lowerCase"/> for enums XAPI prints in lower case (task status, VDI type).</summary>
    public static string EnumToWire<T>(T value, bool lowerCase) where T : struct, Enum =>
        lowerCase ? value.ToString().ToLowerInvariant() : value.ToString();
}
