using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Wire;

namespace XapiSim.Messages;

/// <summary>Reads a constructor record (<c>VM.create</c>, <c>VDI.create</c>, <c>VBD.create</c>) the way XAPI does:
/// a defaulted field may be omitted; a missing field without default is <c>INTERNAL_ERROR</c>
/// (Dispatcher_FieldNotFound); a value of the wrong type is <c>FIELD_TYPE_ERROR</c>.</summary>
internal readonly struct RecordArgs(Dictionary<string, object?> fields)
{
    public string Str(string field, string? fallback = null) => Get(field, fallback is not null, fallback ?? "", WireConvert.ToStr);

    public long Long(string field, long? fallback = null) => Get(field, fallback.HasValue, fallback ?? 0, WireConvert.ToLong);

    public bool Bool(string field, bool? fallback = null) => Get(field, fallback.HasValue, fallback ?? false, WireConvert.ToBool);

    public Dictionary<string, string> Map(string field) =>
        Get(field, true, new Dictionary<string, string>(StringComparer.Ordinal), WireConvert.ToStringMap);

    public List<string> Strings(string field) => Get(field, true, new List<string>(), WireConvert.ToStrings);

    private T Get<T>(string field, bool hasFallback, T fallback, Func<object?, T> convert)
    {
        if (!fields.TryGetValue(field, out var value))
        {
            return hasFallback ? fallback : throw new XenApiFailure(XenApiErrorCodes.InternalError, [$"Server_helpers.Dispatcher_FieldNotFound(\"{field}\")"]);
        }

        try
        {
            return convert(value);
        }
        catch (XenApiProtocolException)
        {
            throw new XenApiFailure(XenApiErrorCodes.FieldTypeError, [field]);
        }
    }
}
