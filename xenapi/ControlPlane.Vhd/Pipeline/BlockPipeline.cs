using System.Runtime.ExceptionServices;

namespace ControlPlane.Vhd.Pipeline;

/// <summary>
/// One reader and one writer joined by a bounded queue of reusable buffers, so disk reads overlap writes while memory
/// stays at <c>depth x bufferBytes</c> whatever the disk size. The reader runs on its own thread; the writer runs on the
/// caller's thread (so a synchronous output stream is written where the caller expects). A failure on either side stops
/// the other and is rethrown as is; cancellation surfaces as <see cref="OperationCanceledException"/>. Blocks reach the
/// writer in the order they were posted.
/// </summary>
internal static class BlockPipeline
{
    /// <summary>Buffers in flight: one being read, one being written, two queued.</summary>
    public const int DefaultDepth = 4;

    public static void Run(
        int bufferBytes,
        Action<PipelineSink> read,
        Action<PipelineBlock> write,
        CancellationToken cancellationToken,
        int depth = DefaultDepth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 2);
        cancellationToken.ThrowIfCancellationRequested();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var free = new HandoffQueue<PipelineBlock>(depth, stop.Token);
        using var full = new HandoffQueue<PipelineBlock>(depth, stop.Token);
        for (int i = 0; i < depth; i++)
        {
            free.Add(new PipelineBlock(bufferBytes));
        }

        var sink = new PipelineSink(free, full, stop.Token);
        Task reader = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    read(sink);
                }
                catch
                {
                    // Stop the writer at once rather than let it drain what was queued before the failure.
                    stop.Cancel();
                    throw;
                }
                finally
                {
                    full.Complete();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        try
        {
            while (full.TryTake(out PipelineBlock? block))
            {
                write(block!);
                free.Add(block!);
            }
        }
        catch (Exception) when (!reader.IsCompleted || reader.IsFaulted)
        {
            // The writer failed or was cancelled, or the reader failed: stop the reader, then report the root cause.
            stop.Cancel();
            WaitQuietly(reader);
            ThrowRootCause(reader, cancellationToken);
            throw;
        }

        WaitQuietly(reader);
        ThrowRootCause(reader, cancellationToken);
    }

    private static void WaitQuietly(Task reader)
    {
        try
        {
            reader.Wait(CancellationToken.None);
        }
        catch (AggregateException)
        {
            // Inspected by ThrowRootCause.
        }
    }

    /// <summary>A reader failure other than our own cancellation wins; then the caller's cancellation.</summary>
    private static void ThrowRootCause(Task reader, CancellationToken cancellationToken)
    {
        if (reader.Exception?.InnerException is { } failure and not OperationCanceledException)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
