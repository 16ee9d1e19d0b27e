using ControlPlane.XenApi.Refs;

namespace ControlPlane.XenApi.Wire;

/// <summary>Typed, tolerant read access to a record struct: a missing field gives the type's empty value.</summary>
public readonly struct WireRecord(IReadOnlyDictionary<string, object?> fields)
{
    public IReadOnlyDictionary<string, object?> Fields => fields;

    public string Str(string name) => fields.TryGetValue(name, out var v) ? WireConvert.ToStr(v) : "";

    public long Long(string name) => fields.TryGetValue(name, out var v) && v is not (null or "") ? WireConvert.ToLong(v) : 0;

    public double Double(string name) => fields.TryGetValue(name, out var v) && v is not (null or "") ? WireConvert.ToDouble(v) : 0;

    public bool Bool(string name) => fields.TryGetValue(name, out var v) && v is not (null or "") && WireConvert.ToBool(v);

    public DateTime Date(string name) => fields.TryGetValue(name, out var v) ? WireConvert.ToDateTime(v) : Wire.XenDateTime.Epoch;

    public Dictionary<string, string> Map(string name) =>
        fields.TryGetValue(name, out var v) ? WireConvert.ToStringMap(v) : new Dictionary<string, string>(StringComparer.Ordinal);

    public List<string> Strings(string name) => fields.TryGetValue(name, out var v) ? WireConvert.ToStrings(v) : [];

    public T Ref<T>(string name) where T : IXenRef<T> => WireConvert.ToRef<T>(fields.GetValueOrDefault(name));

    public List<T> Refs<T>(string name) where T : IXenRef<T> => fields.TryGetValue(name, out var v) ? WireConvert.ToRefs<T>(v) : [];

    public T Enum<T>(string name) where T : struct, System.Enum => WireConvert.ToEnum<T>(fields.GetValueOrDefault(name));
}
