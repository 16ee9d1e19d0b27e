namespace ControlPlane.ImageStore.Images;

/// <summary>Container and disk formats Glance accepts by default.</summary>
public static class ImageFormats
{
    /// <summary>Valid <c>container_format</c> values.</summary>
    public static readonly IReadOnlySet<string> Container = new HashSet<string>(StringComparer.Ordinal)
    {
        "ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed",
    };

    /// <summary>Valid <c>disk_format</c> values.</summary>
    public static readonly IReadOnlySet<string> Disk = new HashSet<string>(StringComparer.Ordinal)
    {
        "ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop",
    };
}
