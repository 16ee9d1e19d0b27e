namespace ControlPlane.XenApi.Refs;

/// <summary>Reference to a XenAPI <c>task</c> object.</summary>
public readonly record struct TaskRef(string OpaqueRef) : IXenRef<TaskRef>
{
    /// <summary>The null task ref.</summary>
    public static TaskRef Null => new(OpaqueRefs.Null);

    public static string XenClass => "task";

    /// <summary>True for <c>OpaqueRef:NULL</c> (or empty).</summary>
    public bool IsNull => OpaqueRefs.IsNull(OpaqueRef);

    public static TaskRef FromWire(string opaqueRef) => new(opaqueRef);

    public override string ToString() => OpaqueRef;
}
