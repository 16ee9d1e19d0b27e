namespace ControlPlane.Compute.Resize;

/// <summary>Options of the resize flow on a compute host (section <c>Compute:Resize</c>).</summary>
public sealed class ResizeOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Compute:Resize";

    /// <summary>TCP port of this compute's disk receiver (HTTP/2 gRPC, bound to <see cref="TransferAddress"/>); each compute
    /// on one machine needs its own. Default <c>8850</c>. Range 1-65535.</summary>
    public int TransferPort { get; set; } = 8850;

    /// <summary>Address the disk receiver binds and announces to sources. Default <c>127.0.0.1</c>.</summary>
    public string TransferAddress { get; set; } = "127.0.0.1";

    /// <summary>How long the source waits for a clean shutdown before a hard one. Default 60 s.</summary>
    public TimeSpan CleanShutdownTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Bytes per gRPC message of a disk transfer. Default 256 KiB. Range 4 KiB-4 MiB.</summary>
    public int TransferChunkBytes { get; set; } = 256 * 1024;

    /// <summary>How long a destination accepts the disks of a prepared migration. Default 24 h.</summary>
    public TimeSpan IncomingTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The endpoint sources connect to.</summary>
    public string Endpoint => $"{TransferAddress}:{TransferPort}";
}
