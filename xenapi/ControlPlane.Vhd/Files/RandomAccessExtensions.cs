using ControlPlane.Vhd.Errors;
using Microsoft.Win32.SafeHandles;

namespace ControlPlane.Vhd.Files;

/// <summary>Positional whole-buffer reads that turn a short read into a typed format error.</summary>
internal static class RandomAccessExtensions
{
    public static void ReadExactly(SafeFileHandle handle, Span<byte> buffer, long offset, string path)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int n = RandomAccess.Read(handle, buffer[done..], offset + done);
            if (n <= 0)
            {
                throw new VhdFormatException(VhdErrorCode.Truncated, $"unexpected end of file at byte {offset + done}", path);
            }

            done += n;
        }
    }

    public static long Pad512(long value) => (value + 511) / 512 * 512;
}
