using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Errors;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Operations;
using ControlPlane.Vhd.Tests.Support;

namespace ControlPlane.Vhd.Tests.Disks;

/// <summary>The pipelined flatten, raw export and coalesce: sparse content, failing sources, cancellation.</summary>
public sealed class StreamingOperationTests
{
    private const int Block = 2 << 20;

    [Fact]
    public void Raw_export_of_a_sparse_chain_equals_the_model_as_a_new_file_and_as_a_stream()
    {
        using var dir = new TempDirectory();
        byte[] model = SparseChain(dir);
        using VhdDisk disk = VhdDisk.Open(dir.File("c.vhd"));

        using (FileStream file = File.Create(dir.File("out.raw")))
        {
            Assert.Equal(model.Length, VhdRawConverter.ExportRaw(disk, file));
        }

        DiskModel.AssertSameBytes(model, File.ReadAllBytes(dir.File("out.raw")));
        using var memory = new MemoryStream();
        Assert.Equal(model.Length, VhdRawConverter.ExportRaw(disk, new NonSeekableStream(memory)));
        DiskModel.AssertSameBytes(model, memory.ToArray());
    }

    [Fact]
    public void Flatten_of_a_sparse_chain_equals_the_model_as_a_new_file_and_as_a_stream()
    {
        using var dir = new TempDirectory();
        byte[] model = SparseChain(dir);
        long fileBytes;
        using (FileStream file = File.Create(dir.File("flat.vhd")))
        {
            fileBytes = VhdFlattener.Flatten(dir.File("c.vhd"), file);
        }

        using var memory = new MemoryStream();
        Assert.Equal(fileBytes, VhdFlattener.Flatten(dir.File("c.vhd"), new NonSeekableStream(memory)));
        File.WriteAllBytes(dir.File("streamed.vhd"), memory.ToArray());
        foreach (string name in new[] { "flat.vhd", "streamed.vhd" })
        {
            Assert.Equal(fileBytes, new FileInfo(dir.File(name)).Length);
            Assert.Empty(Checking.VhdChecker.Check(dir.File(name)));
            using VhdDisk flat = VhdDisk.Open(dir.File(name));
            DiskModel.AssertSameBytes(model, DiskModel.ReadAll(flat));
        }
    }

    [Fact]
    public void A_source_truncated_mid_flatten_throws_and_leaves_no_full_length_vhd()
    {
        using var dir = new TempDirectory();
        FullChain(dir, blocks: 12);
        string output = dir.File("flat.vhd");
        using (VhdDisk disk = VhdDisk.Open(dir.File("c.vhd")))
        {
            TruncateParentAfterOpen(dir, 5);
            using FileStream file = File.Create(output);
            var error = Assert.Throws<VhdFormatException>(() => VhdFlattener.Flatten(disk, file));
            Assert.Equal(VhdErrorCode.Truncated, error.Reason);
        }

        Assert.True(new FileInfo(output).Length < 8L * Block, "the presized output was not cut back");
        Assert.Throws<VhdFormatException>(() => VhdFile.Open(output).Dispose());
    }

    [Fact]
    public void A_source_truncated_mid_export_throws_and_leaves_a_short_file()
    {
        using var dir = new TempDirectory();
        FullChain(dir, blocks: 12);
        string output = dir.File("out.raw");
        using (VhdDisk disk = VhdDisk.Open(dir.File("c.vhd")))
        {
            TruncateParentAfterOpen(dir, 5);
            using FileStream file = File.Create(output);
            Assert.Throws<VhdFormatException>(() => VhdRawConverter.ExportRaw(disk, file));
        }

        Assert.True(new FileInfo(output).Length <= 6L * Block, "the presized output was not cut back");
    }

    [Fact]
    public void Cancelling_a_flatten_mid_way_throws_and_cuts_the_file_back()
    {
        using var dir = new TempDirectory();
        FullChain(dir, blocks: 12);
        using var cts = new CancellationTokenSource();
        string output = dir.File("flat.vhd");
        using (var file = new CancellingFileStream(output, cts, afterWrites: 8))
        {
            Assert.ThrowsAny<OperationCanceledException>(() => VhdFlattener.Flatten(dir.File("c.vhd"), file, cancellationToken: cts.Token));
        }

        Assert.True(new FileInfo(output).Length < 12L * Block);
        Assert.Throws<VhdFormatException>(() => VhdFile.Open(output).Dispose());
    }

    [Fact]
    public void Coalesce_reports_progress_to_completion_and_honours_cancellation()
    {
        using var dir = new TempDirectory();
        byte[] model = FullChain(dir, blocks: 6);
        Assert.ThrowsAny<OperationCanceledException>(() => VhdCoalescer.Coalesce(dir.File("c.vhd"), null, new CancellationToken(canceled: true)));

        var reports = new List<double>();
        long sectors = VhdCoalescer.Coalesce(dir.File("c.vhd"), new SyncProgress(reports.Add));
        Assert.Equal(3L * Block / 512, sectors);
        Assert.Equal(3, reports.Count);
        Assert.Equal(1.0, reports[^1]);
        Assert.Equal(reports.Order(), reports);
        using VhdDisk parent = VhdDisk.Open(dir.File("p.vhd"));
        DiskModel.AssertSameBytes(model, DiskModel.ReadAll(parent));
    }

    /// <summary>
    /// A 9 MiB + 1 sector chain: unallocated blocks, a parent block of zeros, partial child writes (so some
    /// blocks mix parent and child sectors) and a block allocated in the child that holds zeros.
    /// </summary>
    private static byte[] SparseChain(TempDirectory dir)
    {
        var random = new Random(77);
        var model = new byte[(9L << 20) + 512];
        VhdFile.CreateDynamic(dir.File("p.vhd"), model.Length).Dispose();
        using (VhdDisk p = VhdDisk.Open(dir.File("p.vhd"), writable: true))
        {
            WriteModel(p, model, 100, DiskModel.RandomBytes(random, 300_000));
            p.Write(2L * Block, new byte[Block]);
            WriteModel(p, model, model.Length - 700, DiskModel.RandomBytes(random, 700));
        }

        VhdFile.CreateDifferencing(dir.File("c.vhd"), dir.File("p.vhd")).Dispose();
        using (VhdDisk c = VhdDisk.Open(dir.File("c.vhd"), writable: true))
        {
            WriteModel(c, model, 50_000, DiskModel.RandomBytes(random, 1000));
            WriteModel(c, model, 3L * Block + 4096, new byte[8192]);
            WriteModel(c, model, (3L * Block) + 70_000, DiskModel.RandomBytes(random, 5000));
        }

        return model;
    }

    /// <summary>A fully allocated parent of <paramref name="blocks"/> 2 MiB blocks and a child rewriting every other block.</summary>
    private static byte[] FullChain(TempDirectory dir, int blocks)
    {
        var random = new Random(5);
        byte[] model = DiskModel.RandomBytes(random, blocks * Block);
        VhdRawConverter.ImportRaw(new MemoryStream(model), model.Length, dir.File("p.vhd"));
        VhdFile.CreateDifferencing(dir.File("c.vhd"), dir.File("p.vhd")).Dispose();
        using VhdDisk c = VhdDisk.Open(dir.File("c.vhd"), writable: true);
        for (int b = 1; b < blocks; b += 2)
        {
            WriteModel(c, model, (long)b * Block, DiskModel.RandomBytes(random, Block));
        }

        return model;
    }

    /// <summary>Cuts the (already opened) parent after about <paramref name="blocks"/> blocks, so reads past it fail mid-run.</summary>
    private static void TruncateParentAfterOpen(TempDirectory dir, int blocks)
    {
        using var parent = new FileStream(dir.File("p.vhd"), FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        parent.SetLength((long)blocks * Block);
    }

    private static void WriteModel(VhdDisk disk, byte[] model, long offset, byte[] data)
    {
        disk.Write(offset, data);
        data.CopyTo(model, offset);
    }

    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }

    /// <summary>A new file that cancels <paramref name="cts"/> once it has taken <paramref name="afterWrites"/> writes.</summary>
    private sealed class CancellingFileStream(string path, CancellationTokenSource cts, int afterWrites)
        : FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1)
    {
        private int writes;

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            base.Write(buffer);
            if (++writes == afterWrites)
            {
                cts.Cancel();
            }
        }
    }
}
