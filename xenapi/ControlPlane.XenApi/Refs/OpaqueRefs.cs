namespace ControlPlane.XenApi.Refs;

/// <summary>Helpers for the opaque-ref wire form.</summary>
public static class OpaqueRefs
{
    /// <summary>The null reference.</summary>
    public const string Null = "OpaqueRef:NULL";

    /// <summary>The prefix every ref carries.</summary>
    public const string Prefix = "OpaqueRef:";

    /// <summary>True for the null ref and for the empty string (Nova sends <c>affinity=""</c>).</summary>
    public static bool IsNull(string? opaqueRef) => string.IsNullOrEmpty(opaqueRef) || opaqueRef == Null;

    /// <summary>A fresh ref.</summary>
    public static string NewRef() => Prefix + Guid.NewGuid().ToString("D");
}
