namespace ControlPlane.Vhd;

/// <summary>Hard caps applied to every VHD we open or create, so hostile files cannot exhaust memory or time.</summary>
public static class VhdLimits
{
    /// <summary>Largest virtual size accepted: 2 TiB (the VHD format's practical limit; XenServer caps at 2040 GiB).</summary>
    public const long MaxDiskSize = 2L << 40;

    /// <summary>Deepest parent chain accepted (XenServer's MAX_CHAIN_SIZE).</summary>
    public const int MaxChainDepth = 30;

    /// <summary>Most BAT entries accepted (4 MiB of BAT in memory; 2 TiB at 2 MiB blocks).</summary>
    public const int MaxTableEntries = 1 << 20;

    /// <summary>Smallest block size accepted.</summary>
    public const int MinBlockSize = 4096;

    /// <summary>Largest block size accepted.</summary>
    public const int MaxBlockSize = 32 << 20;

    /// <summary>Default block size: 2 MiB, as blktap, qemu and Hyper-V write.</summary>
    public const int DefaultBlockSize = 2 << 20;

    /// <summary>Sector size of the format.</summary>
    public const int SectorSize = 512;
}
