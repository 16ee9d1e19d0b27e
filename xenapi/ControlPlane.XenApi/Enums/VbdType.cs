namespace ControlPlane.XenApi.Enums;

/// <summary>VBD <c>type</c> (wire: <c>CD</c>, <c>Disk</c>, <c>Floppy</c>; matched case-insensitively).</summary>
public enum VbdType { Unknown, CD, Disk, Floppy }
