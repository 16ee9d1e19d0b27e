using ControlPlane.Compute.Virt.XenApi.Images;
using ControlPlane.Compute.Virt.XenApi.Tests.Infrastructure;
using ControlPlane.Vhd.Chains;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Images;

/// <summary>The unpacked chain: each N.vhd's parent must be (N+1).vhd; archive locators are never followed.</summary>
public sealed class VhdChainValidatorTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "xenapi-chain-tests", Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_valid_chain_is_linked_and_reads_as_base_plus_child()
    {
        var chain = Stage(TestImages.WriteChain(Path.Combine(root, "src"), seed: 1, layers: 3));

        var size = VhdChainValidator.ValidateAndLink(chain, TimeProvider.System);

        Assert.Equal(TestImages.VirtualSize, size);
        using var disk = VhdDisk.Open(chain[0]);
        Assert.Equal(chain, disk.Chain.Select(f => f.Path));
        var raw = new byte[TestImages.VirtualSize];
        disk.Read(0, raw);
        Assert.Equal(TestImages.ExpectedRaw(1, layers: 3), raw);
    }

    [Fact]
    public void Layers_in_the_wrong_order_are_refused()
    {
        var files = TestImages.WriteChain(Path.Combine(root, "src"), seed: 2);
        var chain = Stage([files[1], files[0]]);

        var error = Assert.Throws<ImageArchiveException>(() => VhdChainValidator.ValidateAndLink(chain, TimeProvider.System));

        Assert.Contains("not a differencing disk", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chain_missing_its_base_is_refused()
    {
        var files = TestImages.WriteChain(Path.Combine(root, "src"), seed: 3);

        var error = Assert.Throws<ImageArchiveException>(() => VhdChainValidator.ValidateAndLink(Stage([files[0]]), TimeProvider.System));

        Assert.Contains("base of the chain but is a differencing disk", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_child_over_a_foreign_base_is_refused()
    {
        var a = TestImages.WriteChain(Path.Combine(root, "a"), seed: 4);
        var b = TestImages.WriteChain(Path.Combine(root, "b"), seed: 5);

        var error = Assert.Throws<ImageArchiveException>(() => VhdChainValidator.ValidateAndLink(Stage([a[0], b[1]]), TimeProvider.System));

        Assert.Contains("parent id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_disk_twice_is_a_cycle()
    {
        var files = TestImages.WriteChain(Path.Combine(root, "src"), seed: 6);

        var error = Assert.Throws<ImageArchiveException>(() => VhdChainValidator.ValidateAndLink(Stage([files[0], files[0], files[1]]), TimeProvider.System));

        Assert.Contains("same unique id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_footer_is_refused()
    {
        var chain = Stage(TestImages.WriteChain(Path.Combine(root, "src"), seed: 7));
        Corrupt(chain[1], new FileInfo(chain[1]).Length - 512 + 20);

        var error = Assert.Throws<ImageArchiveException>(() => VhdChainValidator.ValidateAndLink(chain, TimeProvider.System));

        Assert.Contains("1.vhd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bat_entry_pointing_outside_the_file_is_refused()
    {
        var chain = Stage(TestImages.WriteChain(Path.Combine(root, "src"), seed: 8));
        using (var file = new FileStream(chain[1], FileMode.Open, FileAccess.Write))
        {
            // Dynamic header at 512, BAT at 1536: entry 1 -> sector 0x7FFFFFF0, far beyond the end.
            file.Position = 1536 + 4;
            file.Write([0x7F, 0xFF, 0xFF, 0xF0]);
        }

        var error = Assert.Throws<ImageArchiveException>(() => VhdChainValidator.ValidateAndLink(chain, TimeProvider.System));

        Assert.Contains("1.vhd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Archive_locators_naming_files_outside_staging_are_never_followed()
    {
        // The child's locators point at "../victim/base.vhd": a file outside staging with the very id the child expects.
        var files = TestImages.WriteChain(Path.Combine(root, "src"), seed: 9);
        var victim = Path.Combine(root, "victim", "base.vhd");
        Directory.CreateDirectory(Path.GetDirectoryName(victim)!);
        File.Copy(files[1], victim);
        using (var child = ControlPlane.Vhd.Files.VhdFile.Open(files[0], writable: true))
        {
            child.SetParent(victim);
        }

        var chain = Stage(files);
        using (var before = VhdDisk.Open(chain[0]))
        {
            Assert.Equal(victim, before.Chain[1].Path);
        }

        VhdChainValidator.ValidateAndLink(chain, TimeProvider.System);

        using var disk = VhdDisk.Open(chain[0]);
        Assert.Equal(chain, disk.Chain.Select(f => f.Path));
    }

    private List<string> Stage(IReadOnlyList<string> files)
    {
        var staging = Path.Combine(root, "staging-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(staging);
        var staged = new List<string>();
        for (var i = 0; i < files.Count; i++)
        {
            var target = Path.Combine(staging, i + ".vhd");
            File.Copy(files[i], target);
            staged.Add(target);
        }

        return staged;
    }

    private static void Corrupt(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        var b = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(b ^ 0xFF));
    }
}
