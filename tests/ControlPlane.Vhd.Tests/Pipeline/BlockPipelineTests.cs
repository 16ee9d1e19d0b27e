using ControlPlane.Vhd.Pipeline;

namespace ControlPlane.Vhd.Tests.Pipeline;

public sealed class BlockPipelineTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Blocks_arrive_in_order_through_at_most_depth_buffers()
    {
        var seen = new List<long>();
        var buffers = new HashSet<PipelineBlock>(ReferenceEqualityComparer.Instance);
        await RunWithDeadline(() => BlockPipeline.Run(
            64,
            sink =>
            {
                for (int i = 0; i < 100; i++)
                {
                    PipelineBlock block = sink.Rent();
                    block.Position = i;
                    block.Length = 1 + (i % 64);
                    block.Data.Fill((byte)i);
                    sink.Post(block);
                }
            },
            block =>
            {
                Assert.All(block.Data.ToArray(), b => Assert.Equal((byte)block.Position, b));
                seen.Add(block.Position);
                buffers.Add(block);
            },
            CancellationToken.None,
            depth: 3));

        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), seen);
        Assert.InRange(buffers.Count, 1, 3);
    }

    [Fact]
    public void Block_buffers_are_page_aligned_and_payloads_sit_at_their_offset()
    {
        for (int i = 0; i < 8; i++)
        {
            var block = new PipelineBlock(5000) { Offset = 512, Length = 100 };
            Assert.Equal(5000, block.Buffer.Length);
            Assert.Equal(0, AddressOf(block.Buffer) % PipelineBlock.Alignment);
            Assert.Equal(512, AddressOf(block.Data) % PipelineBlock.Alignment);
        }
    }

    [Fact]
    public async Task A_reader_failure_is_rethrown_and_stops_the_writer()
    {
        int written = 0;
        var failure = await Assert.ThrowsAsync<InvalidDataException>(() => RunWithDeadline(() => BlockPipeline.Run(
            16,
            sink =>
            {
                sink.Post(sink.Rent());
                throw new InvalidDataException("source broke");
            },
            _ => Interlocked.Increment(ref written),
            CancellationToken.None)));

        Assert.Equal("source broke", failure.Message);
        Assert.InRange(written, 0, 1);
    }

    [Fact]
    public async Task A_writer_failure_is_rethrown_and_stops_an_endless_reader()
    {
        var readerStopped = new ManualResetEventSlim();
        await Assert.ThrowsAsync<IOException>(() => RunWithDeadline(() => BlockPipeline.Run(
            16,
            sink =>
            {
                try
                {
                    while (true)
                    {
                        sink.Post(sink.Rent());
                    }
                }
                finally
                {
                    readerStopped.Set();
                }
            },
            _ => throw new IOException("disk full"),
            CancellationToken.None)));

        Assert.True(readerStopped.IsSet, "Run returned before its reader stopped");
    }

    [Fact]
    public async Task Cancelling_mid_way_throws_operation_cancelled_and_stops_the_reader()
    {
        using var cts = new CancellationTokenSource();
        var readerStopped = new ManualResetEventSlim();
        int written = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunWithDeadline(() => BlockPipeline.Run(
            16,
            sink =>
            {
                try
                {
                    while (true)
                    {
                        sink.Post(sink.Rent());
                    }
                }
                finally
                {
                    readerStopped.Set();
                }
            },
            _ =>
            {
                if (++written == 2)
                {
                    cts.Cancel();
                }
            },
            cts.Token)));

        Assert.True(readerStopped.IsSet);
        Assert.InRange(written, 2, 3);
    }

    [Fact]
    public void An_already_cancelled_token_never_starts_the_reader()
    {
        bool started = false;
        Assert.ThrowsAny<OperationCanceledException>(() => BlockPipeline.Run(16, _ => started = true, _ => { }, new CancellationToken(canceled: true)));
        Assert.False(started);
    }

    /// <summary>The address of a pinned span's first byte (its distance from address 0).</summary>
    private static long AddressOf(Span<byte> span) =>
        System.Runtime.CompilerServices.Unsafe.ByteOffset(ref System.Runtime.CompilerServices.Unsafe.NullRef<byte>(), ref span[0]);

    private static Task RunWithDeadline(Action run) => Task.Run(run).WaitAsync(Deadline);
}
