namespace ControlPlane.Compute.Virt.XenApi.Resize;

/// <summary>
/// A root filesystem copied out of a VDI and shrunk in a private staging directory (<see cref="RootShrinker"/>):
/// the disk's head (MBR and the bytes before partition 1, rewritten for the new size; empty for a bare filesystem)
/// and the filesystem as a sparse file. Disposing removes the directory.
/// </summary>
internal sealed class ShrunkCopy(string directory, RootDiskLayout layout, byte[] newHead, string fsPath, long fsBytes) : IDisposable
{
    /// <summary>The private staging directory.</summary>
    public string Directory { get; } = directory;

    /// <summary>Where the filesystem was on the old disk.</summary>
    public RootDiskLayout Layout { get; } = layout;

    /// <summary>The new disk's first <see cref="RootDiskLayout.FsOffset"/> bytes.</summary>
    public byte[] NewHead { get; } = newHead;

    /// <summary>The shrunk filesystem's file.</summary>
    public string FsPath { get; } = fsPath;

    /// <summary>Bytes of the filesystem to copy into the new disk.</summary>
    public long FsBytes { get; } = fsBytes;

    public void Dispose() => DeleteDirectory(Directory);

    /// <summary>Removes a staging directory, best effort.</summary>
    public static void DeleteDirectory(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the staging directory is private scratch; a leftover holds no secret.
            return;
        }
    }
}
