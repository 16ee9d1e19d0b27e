namespace ControlPlane.Vhd.Operations;

/// <summary>
/// When the output is an empty seekable file, sets its final length up front (as qemu-img does): the sequential
/// writes then land inside the file instead of extending it block by block, which is measurably cheaper on ext4.
/// </summary>
internal static class OutputPresizer
{
    public static void Presize(Stream output, long length)
    {
        if (output is FileStream { CanSeek: true, CanWrite: true } file && file.Position == 0 && file.Length == 0)
        {
            file.SetLength(length);
        }
    }
}
