using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ControlPlane.ImageStore.Storage;

/// <summary>
/// Asks Linux to start writing a file's dirty pages to disk now (<c>sync_file_range</c> with
/// <c>SYNC_FILE_RANGE_WRITE</c>: it queues the I/O and returns), so that during a long upload the disk
/// works alongside the network and the hashing, and the fsync before the rename has little left to
/// do. Durability still comes only from that fsync. A no-op on other systems or when libc lacks it.
/// </summary>
internal static class EarlyWriteback
{
    private const uint StartWrite = 2;
    private static volatile bool missing = !OperatingSystem.IsLinux();

    /// <summary>Starts writeback of <paramref name="length"/> bytes of the file from <paramref name="offset"/>; errors are left to the fsync.</summary>
    public static void Start(SafeFileHandle file, long offset, long length)
    {
        if (missing || file.IsInvalid || file.IsClosed)
        {
            return;
        }
        var referenced = false;
        try
        {
            file.DangerousAddRef(ref referenced);
            _ = SyncFileRange((int)file.DangerousGetHandle(), offset, length, StartWrite);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            missing = true;
        }
        finally
        {
            if (referenced)
            {
                file.DangerousRelease();
            }
        }
    }

    [DllImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static extern int SyncFileRange(int fd, long offset, long nbytes, uint flags);
}
