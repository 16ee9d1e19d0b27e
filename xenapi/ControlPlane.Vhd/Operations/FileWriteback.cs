using ControlPlane.Vhd.Files;

namespace ControlPlane.Vhd.Operations;

/// <summary>
/// For outputs that are files: every <see cref="IntervalBytes"/> written, asks the kernel to start writing the dirty
/// pages back (<see cref="EarlyWriteback"/>). A caller that then fsyncs waits for little, and a long export does not
/// leave gigabytes of dirty page cache behind. Other streams: nothing. Not a durability promise.
/// </summary>
internal sealed class FileWriteback(Stream output)
{
    public const int IntervalBytes = 32 << 20;

    private readonly FileStream? file = output as FileStream;
    private long pending;

    /// <summary>How many times writeback was requested (for tests and diagnostics).</summary>
    public int Requests { get; private set; }

    public void Written(long bytes)
    {
        if (file is null)
        {
            return;
        }

        pending += bytes;
        if (pending >= IntervalBytes)
        {
            pending = 0;
            Requests++;
            file.Flush();
            EarlyWriteback.Start(file.SafeFileHandle);
        }
    }
}
