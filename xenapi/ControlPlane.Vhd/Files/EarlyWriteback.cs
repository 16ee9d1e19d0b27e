using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ControlPlane.Vhd.Files;

/// <summary>
/// Starts writeback of a file's dirty pages without waiting for it (Linux <c>sync_file_range(SYNC_FILE_RANGE_WRITE)</c>),
/// so that during a long write the disk works alongside the copying and the final fsync has little left to do.
/// It promises nothing about durability: only the fsync that follows does. Elsewhere (or if libc lacks the call) a no-op.
/// </summary>
internal static class EarlyWriteback
{
    private const uint SyncFileRangeWrite = 2;
    private static volatile bool unavailable = !OperatingSystem.IsLinux();

    /// <summary>Asks the kernel to start writing back every dirty page of <paramref name="handle"/>'s file.</summary>
    public static void Start(SafeFileHandle handle)
    {
        if (unavailable || handle.IsInvalid || handle.IsClosed)
        {
            return;
        }

        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            // Failure (EIO, ESPIPE...) is deliberately ignored: the caller's fsync reports real write errors.
            _ = SyncFileRange((int)handle.DangerousGetHandle(), 0, 0, SyncFileRangeWrite);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            unavailable = true;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [DllImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static extern int SyncFileRange(int fd, long offset, long nbytes, uint flags);
}
