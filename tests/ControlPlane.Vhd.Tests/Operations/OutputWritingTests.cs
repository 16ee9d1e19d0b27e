using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Operations;
using ControlPlane.Vhd.Tests.Support;

namespace ControlPlane.Vhd.Tests.Operations;

public sealed class OutputWritingTests
{
    [Theory]
    [InlineData(0L, 3 << 20)]
    [InlineData(100L, (2 << 20) + 4096)]
    [InlineData((512L << 10) - 1, 2)]
    [InlineData(7L << 20, 0)]
    public void Sliced_writes_keep_the_bytes_and_never_cross_a_slice_boundary(long position, int length)
    {
        byte[] data = DiskModel.RandomBytes(new Random(length), length);
        var recorder = new RecordingStream();
        SlicedWriter.Write(recorder, data, position);

        DiskModel.AssertSameBytes(data, recorder.ToArray());
        long at = position;
        foreach (int size in recorder.Writes)
        {
            Assert.InRange(size, 1, SlicedWriter.SliceBytes);
            Assert.Equal(at / SlicedWriter.SliceBytes, (at + size - 1) / SlicedWriter.SliceBytes);
            at += size;
        }
    }

    [Fact]
    public void Early_writeback_is_harmless_on_open_read_only_and_closed_files()
    {
        using var dir = new TempDirectory();
        string path = dir.File("a.bin");
        File.WriteAllBytes(path, new byte[8192]);
        using (var writable = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite))
        {
            RandomAccess.Write(writable, new byte[] { 1, 2, 3 }, 4096);
            EarlyWriteback.Start(writable);
        }

        using (var readOnly = File.OpenHandle(path))
        {
            EarlyWriteback.Start(readOnly);
        }

        var closed = File.OpenHandle(path);
        closed.Dispose();
        EarlyWriteback.Start(closed);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path).AsSpan(4096, 3).ToArray());
    }

    [Fact]
    public void Writeback_is_requested_every_interval_for_files_only_and_the_bytes_stay()
    {
        using var dir = new TempDirectory();
        byte[] chunk = DiskModel.RandomBytes(new Random(3), 1 << 20);
        int total = (FileWriteback.IntervalBytes / chunk.Length * 2) + 3;
        using (FileStream file = File.Create(dir.File("out.bin")))
        {
            var writeback = new FileWriteback(file);
            for (int i = 0; i < total; i++)
            {
                file.Write(chunk);
                writeback.Written(chunk.Length);
            }

            Assert.Equal(2, writeback.Requests);
        }

        Assert.Equal((long)total * chunk.Length, new FileInfo(dir.File("out.bin")).Length);
        var memory = new FileWriteback(new MemoryStream());
        memory.Written(3L * FileWriteback.IntervalBytes);
        Assert.Equal(0, memory.Requests);
    }

    private sealed class RecordingStream : MemoryStream
    {
        public List<int> Writes { get; } = [];

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes.Add(buffer.Length);
            base.Write(buffer);
        }
    }
}
