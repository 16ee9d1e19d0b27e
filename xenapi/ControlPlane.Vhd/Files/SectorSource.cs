namespace ControlPlane.Vhd.Files;

/// <summary>Where a run of virtual sectors of one image is to be read from.</summary>
internal enum SectorSource
{
    /// <summary>Stored in this file.</summary>
    Here,
    /// <summary>Not in this file: ask the parent (differencing disks only).</summary>
    Parent,
    /// <summary>Reads as zeros (unallocated in a dynamic disk, or beyond this image's size).</summary>
    Zero,
}
