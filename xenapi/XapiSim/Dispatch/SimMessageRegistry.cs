using XapiSim.State;

namespace XapiSim.Dispatch;

/// <summary>All explicit messages plus the auto-generated ones every class has (get_record, get_by_uuid,
/// get_&lt;field&gt;, set_/add_to_/remove_from_ on RW maps, ...).</summary>
public sealed class SimMessageRegistry
{
    /// <summary>Known class names, longest first (for the <c>Class_message</c> alternative wire name).</summary>
    public static readonly string[] Classes =
        ["host_metrics", "session", "console", "host", "pool", "task", "VDI", "VBD", "PBD", "VM", "SR"];

    private readonly Dictionary<string, SimMessage> messages = new(StringComparer.Ordinal);

    public SimMessageRegistry(IEnumerable<ISimMessageSet> sets)
    {
        foreach (var message in sets.SelectMany(s => s.Messages))
        {
            messages.Add(message.Name, message);
        }
    }

    /// <summary>Resolves <c>Class.msg</c> or <c>Class_msg</c>; null if unknown.</summary>
    public SimMessage? Find(string method, SimDatabase db)
    {
        var name = Canonical(method);
        if (name is null)
        {
            return null;
        }

        return messages.TryGetValue(name, out var explicitMessage) ? explicitMessage : GenericMessages.Find(name, db);
    }

    /// <summary><c>VM_start</c> → <c>VM.start</c>; <c>VM.start</c> unchanged; null if no known class.</summary>
    public static string? Canonical(string method)
    {
        var dot = method.IndexOf('.');
        if (dot > 0)
        {
            return Classes.Contains(method[..dot], StringComparer.Ordinal) ? method : null;
        }

        foreach (var cls in Classes)
        {
            if (method.Length > cls.Length + 1 && method.StartsWith(cls + "_", StringComparison.Ordinal))
            {
                return cls + "." + method[(cls.Length + 1)..];
            }
        }

        return null;
    }
}
