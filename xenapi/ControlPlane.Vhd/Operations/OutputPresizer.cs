namespace ControlPlane.Vhd.Operations;

/// <summary>
/// When the output is an empty seekable file, sets its final length up front (as qemu-img does): the sequential
/// writes then land inside the file instead of extending it block by block, which is measurably cheaper on ext4.
/// A presized file reads as zeros wherever nothing was written, so zero runs may be skipped by seeking past them.
/// </summary>
internal static class OutputPresizer
{
    /// <summary>Presizes <paramref name="output"/> when it is an empty file at offset 0; returns whether it did.</summary>
    public static bool Presize(Stream output, long length)
    {
        if (output is FileStream { CanSeek: true, CanWrite: true } file && file.Position == 0 && file.Length == 0)
        {
            file.SetLength(length);
            return true;
        }

        return false;
    }

    /// <summary>
    /// After a failure, cuts a presized output back to the <paramref name="written"/> bytes really written, so the
    /// holes left by the presizing do not make a partial output look full-length. Best effort: the original failure
    /// is what the caller must see.
    /// </summary>
    public static void CutBack(Stream output, long written)
    {
        try
        {
            if (output is FileStream { CanSeek: true, CanWrite: true } file)
            {
                file.Flush();
                file.SetLength(written);
            }
        }
        catch (IOException)
        {
            // The output is already broken; the operation's own exception is rethrown by the caller.
        }
        catch (ObjectDisposedException)
        {
            // Likewise.
        }
    }
}
