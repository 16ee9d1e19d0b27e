using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Wire;
using XapiSim.State;

namespace XapiSim.Dispatch;

/// <summary>One API call being served: its positional arguments (session ref removed) and typed accessors
/// that turn bad values into XAPI's errors.</summary>
public sealed class SimCall(SimDatabase db, string method, IReadOnlyList<object?> args, SessionObject? session)
{
    public SimDatabase Db => db;

    public string Method => method;

    public IReadOnlyList<object?> Args => args;

    public SessionObject? Session => session;

    /// <summary>Set while the call runs as a task (<c>Async.</c>).</summary>
    public TaskObject? Task { get; init; }

    public bool Has(int i) => i < args.Count;

    public string Str(int i) => WireConvert.ToStr(args[i]);

    public T Obj<T>(SimTable<T> table, int i) where T : SimObject => table.Get(Str(i));

    public long Long(int i, string param) => Typed(i, param, WireConvert.ToLong);

    public bool Bool(int i, string param) => Typed(i, param, WireConvert.ToBool);

    public Dictionary<string, string> Map(int i, string param) => Typed(i, param, WireConvert.ToStringMap);

    public Dictionary<string, object?> Struct(int i, string param) => Typed(i, param, WireConvert.ToStruct);

    private T Typed<T>(int i, string param, Func<object?, T> convert)
    {
        try
        {
            return convert(args[i]);
        }
        catch (XenApiProtocolException)
        {
            throw new XenApiFailure(XenApiErrorCodes.FieldTypeError, [param]);
        }
    }
}
