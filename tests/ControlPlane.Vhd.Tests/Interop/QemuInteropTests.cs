using System.Text.Json;
using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Checking;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Format;
using ControlPlane.Vhd.Operations;
using ControlPlane.Vhd.Tests.Support;

namespace ControlPlane.Vhd.Tests.Interop;

/// <summary>Interop with qemu-img's vpc driver (qemu-utils). These FAIL, not skip, when qemu-img is missing.</summary>
public sealed class QemuInteropTests
{
    [Fact]
    public void Our_dynamic_vhd_passes_qemu_and_converts_to_our_raw_read()
    {
        using var dir = new TempDirectory();
        string vhd = dir.File("ours.vhd");
        byte[] model = WriteRandomDisk(vhd, (21L << 20) + 1536, new Random(42));

        AssertQemuAccepts(vhd, model.Length);
        QemuImg.MustRun("convert", "-f", "vpc", "-O", "raw", vhd, dir.File("qemu.raw"));
        using VhdDisk disk = VhdDisk.Open(vhd);
        byte[] ours = DiskModel.ReadAll(disk);
        DiskModel.AssertSameBytes(ours, File.ReadAllBytes(dir.File("qemu.raw")));
        DiskModel.AssertSameBytes(model, ours);
    }

    [Fact]
    public void Our_flattened_chain_converts_to_the_chain_content()
    {
        using var dir = new TempDirectory();
        var random = new Random(43);
        byte[] model = WriteRandomDisk(dir.File("base.vhd"), 9L << 20, random);
        VhdFile.CreateDifferencing(dir.File("child.vhd"), dir.File("base.vhd")).Dispose();
        using (VhdDisk child = VhdDisk.Open(dir.File("child.vhd"), writable: true))
        {
            for (int i = 0; i < 20; i++)
            {
                byte[] data = DiskModel.RandomBytes(random, random.Next(1, 200_000));
                long offset = random.NextInt64(0, model.Length - data.Length);
                child.Write(offset, data);
                data.CopyTo(model, offset);
            }
        }

        using (FileStream output = File.Create(dir.File("flat.vhd")))
        {
            VhdFlattener.Flatten(dir.File("child.vhd"), new NonSeekableStream(output));
        }

        AssertQemuAccepts(dir.File("flat.vhd"), model.Length);
        QemuImg.MustRun("convert", "-f", "vpc", "-O", "raw", dir.File("flat.vhd"), dir.File("flat.raw"));
        DiskModel.AssertSameBytes(model, File.ReadAllBytes(dir.File("flat.raw")));
    }

    [Fact]
    public void Our_fixed_vhd_converts_to_our_content()
    {
        using var dir = new TempDirectory();
        byte[] data = DiskModel.RandomBytes(new Random(44), 3 << 20);
        VhdFile.CreateFixed(dir.File("fixed.vhd"), data.Length).Dispose();
        using (VhdDisk disk = VhdDisk.Open(dir.File("fixed.vhd"), writable: true))
        {
            disk.Write(0, data);
        }

        QemuImg.MustRun("convert", "-f", "vpc", "-O", "raw", dir.File("fixed.vhd"), dir.File("fixed.raw"));
        DiskModel.AssertSameBytes(data, File.ReadAllBytes(dir.File("fixed.raw")));
    }

    [Theory]
    [InlineData("dynamic")]
    [InlineData("fixed")]
    public void We_read_qemu_vhds_identically(string subformat)
    {
        using var dir = new TempDirectory();
        var random = new Random(45);
        var raw = new byte[(7 << 20) + 4096 * 3];
        random.NextBytes(raw.AsSpan(0, 3 << 20));
        random.NextBytes(raw.AsSpan(5 << 20, 777));
        random.NextBytes(raw.AsSpan(raw.Length - 5000));
        File.WriteAllBytes(dir.File("src.raw"), raw);
        QemuImg.MustRun("convert", "-f", "raw", "-O", "vpc", "-o", "subformat=" + subformat, dir.File("src.raw"), dir.File("q.vhd"));

        Assert.Empty(VhdChecker.Check(dir.File("q.vhd")));
        using VhdDisk disk = VhdDisk.Open(dir.File("q.vhd"));
        Assert.Equal(subformat == "fixed" ? VhdDiskType.Fixed : VhdDiskType.Dynamic, disk.Leaf.DiskType);
        Assert.True(disk.VirtualSize >= raw.Length, "qemu rounds the size up to whole CHS cylinders");
        byte[] ours = DiskModel.ReadAll(disk);
        DiskModel.AssertSameBytes(raw, ours.AsSpan(0, raw.Length));
        Assert.False(ours.AsSpan(raw.Length).ContainsAnyExcept((byte)0));

        // And back through qemu: our raw export equals qemu's own conversion.
        QemuImg.MustRun("convert", "-f", "vpc", "-O", "raw", dir.File("q.vhd"), dir.File("q.raw"));
        DiskModel.AssertSameBytes(File.ReadAllBytes(dir.File("q.raw")), ours);
    }

    [Theory]
    [InlineData("10M")]
    [InlineData("100M")]
    [InlineData("1G")]
    [InlineData("40G")]
    public void Qemu_created_geometry_matches_ours(string size)
    {
        using var dir = new TempDirectory();
        QemuImg.MustRun("create", "-f", "vpc", "-o", "subformat=dynamic", dir.File("g.vhd"), size);
        using VhdFile file = VhdFile.Open(dir.File("g.vhd"));
        Assert.Equal(VhdGeometry.FromSize(file.VirtualSize), file.Footer.Geometry);
        Assert.Equal("qemu", file.Footer.CreatorApplication);
        Assert.Empty(VhdChecker.Check(dir.File("g.vhd")));
    }

    private static byte[] WriteRandomDisk(string path, long size, Random random)
    {
        var model = new byte[size];
        VhdFile.CreateDynamic(path, size).Dispose();
        using VhdDisk disk = VhdDisk.Open(path, writable: true);
        for (int i = 0; i < 30; i++)
        {
            byte[] data = DiskModel.RandomBytes(random, random.Next(1, 1 << 20));
            long offset = random.NextInt64(0, size - data.Length);
            disk.Write(offset, data);
            data.CopyTo(model, offset);
        }

        return model;
    }

    /// <summary>
    /// qemu-img check: qemu's vpc driver implements no consistency check, so it answers exit 63 "does not support
    /// checks" for every vpc file; anything else must be exit 0. qemu-img info must open it with our size.
    /// </summary>
    private static void AssertQemuAccepts(string vhd, long size)
    {
        (int code, string output) = QemuImg.Run("check", "-f", "vpc", vhd);
        Assert.True(code == 0 || (code == 63 && output.Contains("does not support checks", StringComparison.Ordinal)), $"qemu-img check exited {code}: {output}");
        (int infoCode, string info) = QemuImg.Run("info", "-f", "vpc", "--output=json", vhd);
        Assert.True(infoCode == 0, info);
        using JsonDocument json = JsonDocument.Parse(info);
        Assert.Equal(size, json.RootElement.GetProperty("virtual-size").GetInt64());
        Assert.Equal("vpc", json.RootElement.GetProperty("format").GetString());
    }
}
