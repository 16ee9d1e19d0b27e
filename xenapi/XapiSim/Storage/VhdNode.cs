namespace XapiSim.Storage;

/// <summary>What a scan learnt about one <c>&lt;uuid&gt;.vhd</c> file (as <c>vhd-util query -vsafp</c>).
/// <see cref="ScanError"/> is set when the file could not be read; such nodes are never GC candidates.</summary>
public sealed record VhdNode(string Uuid, string Path, long VirtualSize, long PhysicalSize, bool Hidden, string? ParentUuid, string? ScanError);
