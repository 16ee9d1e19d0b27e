namespace ControlPlane.XenApi.Enums;

/// <summary>VBD <c>mode</c> (wire: <c>RO</c>, <c>RW</c>).</summary>
public enum VbdMode { Unknown, RO, RW }
