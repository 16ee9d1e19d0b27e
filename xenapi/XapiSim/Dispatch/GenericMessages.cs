using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Wire;
using XapiSim.State;

namespace XapiSim.Dispatch;

/// <summary>The messages XAPI generates for every class: get_all, get_all_records(_where), get_record,
/// get_by_uuid, get_uuid, get_by_name_label, get_&lt;field&gt;, set_&lt;field&gt;, add_to_/remove_from_&lt;map&gt;.</summary>
public static class GenericMessages
{
    public static SimMessage? Find(string name, SimDatabase db)
    {
        var dot = name.IndexOf('.');
        var cls = name[..dot];
        var msg = name[(dot + 1)..];
        var table = db.Table(cls);
        if (table is null)
        {
            return null;
        }

        return msg switch
        {
            "get_all" => new SimMessage(name, 0, 0, c => Table(c, cls).Rows.Select(r => r.Ref).ToList()) { Mutates = false, AsyncAllowed = false },
            "get_all_records" => new SimMessage(name, 0, 0, c => Records(c, cls, _ => true)) { Mutates = false, AsyncAllowed = false },
            "get_all_records_where" => new SimMessage(name, 1, 1, c => Records(c, cls, WhereExpression.Parse(c.Str(0)))) { Mutates = false, AsyncAllowed = false },
            "get_record" => new SimMessage(name, 1, 1, c => Row(c, cls).ToRecord(c.Db)) { Mutates = false, AsyncAllowed = false },
            "get_by_uuid" => new SimMessage(name, 1, 1, c => Table(c, cls).GetRowByUuid(c.Str(0)).Ref) { Mutates = false, AsyncAllowed = false },
            "get_uuid" => new SimMessage(name, 1, 1, c => Row(c, cls).Uuid) { Mutates = false, AsyncAllowed = false },
            "get_by_name_label" => new SimMessage(name, 1, 1, c => Table(c, cls).Rows
                .Where(r => r.ToRecord(c.Db).TryGetValue("name_label", out var l) && WireConvert.ToStr(l) == c.Str(0))
                .Select(r => r.Ref).ToList()) { Mutates = false, AsyncAllowed = false },
            _ when msg.StartsWith("get_", StringComparison.Ordinal) => new SimMessage(name, 1, 1, c => Field(c, cls, msg[4..])) { Mutates = false, AsyncAllowed = false },
            _ when msg.StartsWith("set_", StringComparison.Ordinal) => new SimMessage(name, 2, 2, c => Set(c, cls, msg[4..])) { AsyncAllowed = false },
            _ when msg.StartsWith("add_to_", StringComparison.Ordinal) => new SimMessage(name, 3, 3, c => AddTo(c, cls, msg[7..])) { AsyncAllowed = false },
            _ when msg.StartsWith("remove_from_", StringComparison.Ordinal) => new SimMessage(name, 2, 2, c => RemoveFrom(c, cls, msg[12..])) { AsyncAllowed = false },
            _ => null,
        };
    }

    private static ISimTable Table(SimCall c, string cls) => c.Db.Table(cls)!;

    private static SimObject Row(SimCall c, string cls) => Table(c, cls).GetRow(c.Str(0));

    private static Dictionary<string, object?> Records(SimCall c, string cls, Func<IReadOnlyDictionary<string, object?>, bool> filter)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var row in Table(c, cls).Rows)
        {
            var record = row.ToRecord(c.Db);
            if (filter(record))
            {
                result[row.Ref] = record;
            }
        }

        return result;
    }

    private static object? Field(SimCall c, string cls, string field)
    {
        var record = Row(c, cls).ToRecord(c.Db);
        return record.TryGetValue(field, out var value) ? value : throw Unknown(c);
    }

    private static object? Set(SimCall c, string cls, string field)
    {
        var row = Row(c, cls);
        if (row.MapField(field) is { } map)
        {
            var value = c.Map(1, "value");
            map.Clear();
            foreach (var (k, v) in value)
            {
                map[k] = v;
            }

            return "";
        }

        try
        {
            return row.TrySetField(field, c.Args[1]) ? "" : throw Unknown(c);
        }
        catch (ControlPlane.XenApi.Errors.XenApiProtocolException)
        {
            throw new XenApiFailure(XenApiErrorCodes.FieldTypeError, [field]);
        }
    }

    private static object? AddTo(SimCall c, string cls, string field)
    {
        var row = Row(c, cls);
        var map = row.MapField(field) ?? throw Unknown(c);
        var key = c.Str(1);
        if (!map.TryAdd(key, c.Str(2)))
        {
            throw new XenApiFailure(XenApiErrorCodes.MapDuplicateKey, [cls, field, row.Uuid, key]);
        }

        return "";
    }

    private static object? RemoveFrom(SimCall c, string cls, string field)
    {
        var map = Row(c, cls).MapField(field) ?? throw Unknown(c);
        map.Remove(c.Str(1));
        return "";
    }

    private static XenApiFailure Unknown(SimCall c) => new(XenApiErrorCodes.MessageMethodUnknown, [c.Method]);
}
