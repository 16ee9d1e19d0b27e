namespace ControlPlane.XenApi.Enums;

/// <summary>VDI <c>type</c> (wire, lower case: <c>system</c>, <c>user</c>, <c>ephemeral</c>, ...).</summary>
public enum VdiType { Unknown, System, User, Ephemeral, Suspend, Crashdump, Ha_statefile, Metadata, Redo_log, Rrd, Pvs_cache, Cbt_metadata }
