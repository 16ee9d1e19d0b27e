using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace ControlPlane.ImageStore.Storage;

/// <summary>
/// Creates a file for direct I/O (Linux <c>O_DIRECT</c>): writes go from our buffers to the disk
/// without being copied into the page cache, whose cost on a VM varies with whether the host still
/// backs the guest's free pages (measured 0.4 to 2.9 CPU seconds per GiB). Writes through such a
/// handle must start at, cover and come from memory aligned to <see cref="AlignedBufferPool.Alignment"/>.
/// Only on Linux x64 (the flag's value is per architecture); elsewhere, or when the file system
/// refuses direct I/O (tmpfs), <see cref="TryCreate"/> returns null and the caller writes buffered.
/// </summary>
internal static class DirectIo
{
    private const int WriteOnly = 0x1;
    private const int Create = 0x40;
    private const int Exclusive = 0x80;
    private const int Direct = 0x4000;
    private const int CloseOnExec = 0x80000;
    private const int InvalidArgument = 22;

    private static volatile bool unavailable = !OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64;

    /// <summary>Creates <paramref name="path"/> (which must not exist) for direct writes, or returns null.</summary>
    public static SafeFileHandle? TryCreate(string path)
    {
        if (unavailable)
        {
            return null;
        }
        int fd;
        try
        {
            fd = Open(Encoding.UTF8.GetBytes(path + "\0"), WriteOnly | Create | Exclusive | Direct | CloseOnExec, Convert.ToInt32("600", 8));
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            unavailable = true;
            return null;
        }
        if (fd >= 0)
        {
            return new SafeFileHandle(fd, ownsHandle: true);
        }
        if (Marshal.GetLastPInvokeError() == InvalidArgument)
        {
            // The file system does not do direct I/O; it may have created the file before refusing.
            File.Delete(path);
        }
        return null;
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags, int mode);
}
