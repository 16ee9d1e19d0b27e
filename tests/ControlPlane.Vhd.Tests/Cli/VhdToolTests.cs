using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Format;
using ControlPlane.Vhd.Tests.Support;
using ControlPlane.VhdTool;

namespace ControlPlane.Vhd.Tests.Cli;

public sealed class VhdToolTests
{
    [Fact]
    public void Create_info_check_round_trip()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, Run(out _, "create", "--dynamic", "100M", dir.File("a.vhd")));
        Assert.Equal(0, Run(out string info, "info", dir.File("a.vhd")));
        Assert.Contains("current size:      104857600", info);
        Assert.Contains("geometry (C/H/S):  1003/12/17", info);
        Assert.Contains("disk type:         3 (dynamic)", info);
        Assert.Contains("block size:        2097152", info);
        Assert.Equal(0, Run(out string check, "check", dir.File("a.vhd")));
        Assert.Contains("is valid", check);
        Assert.Equal(0, Run(out _, "create", "--fixed", "1M", dir.File("f.vhd")));
        using VhdFile f = VhdFile.Open(dir.File("f.vhd"));
        Assert.Equal(VhdDiskType.Fixed, f.DiskType);
    }

    [Fact]
    public void Differencing_coalesce_set_parent_export_import()
    {
        using var dir = new TempDirectory();
        byte[] raw = DiskModel.RandomBytes(new Random(9), 5 << 20);
        raw.AsSpan(2 << 20, 2 << 20).Clear();
        File.WriteAllBytes(dir.File("in.raw"), raw);
        Assert.Equal(0, Run(out string imported, "import-raw", dir.File("in.raw"), dir.File("base.vhd")));
        Assert.Contains("2 blocks allocated", imported);

        Assert.Equal(0, Run(out _, "create", "--parent", dir.File("base.vhd"), dir.File("child.vhd")));
        byte[] patch = DiskModel.RandomBytes(new Random(10), 4096);
        using (VhdDisk child = VhdDisk.Open(dir.File("child.vhd"), writable: true))
        {
            child.Write(3 << 20, patch);
        }

        patch.CopyTo(raw, 3 << 20);
        Assert.Equal(0, Run(out _, "export", "--raw", dir.File("child.vhd"), dir.File("out.raw")));
        Assert.Equal(raw, File.ReadAllBytes(dir.File("out.raw")));
        Assert.Equal(0, Run(out _, "export", dir.File("child.vhd"), dir.File("flat.vhd")));
        using (VhdDisk flat = VhdDisk.Open(dir.File("flat.vhd")))
        {
            Assert.Equal(raw, DiskModel.ReadAll(flat));
        }

        Assert.Equal(0, Run(out string coalesced, "coalesce", dir.File("child.vhd")));
        Assert.Contains("Coalesced 8 sectors", coalesced);
        using (VhdDisk b = VhdDisk.Open(dir.File("base.vhd")))
        {
            Assert.Equal(raw, DiskModel.ReadAll(b));
        }

        File.Move(dir.File("base.vhd"), dir.File("renamed.vhd"));
        Assert.Equal(1, Run(out string broken, "check", dir.File("child.vhd")));
        Assert.Contains("ParentMissing", broken);
        Assert.Equal(0, Run(out _, "set-parent", dir.File("child.vhd"), dir.File("renamed.vhd")));
        Assert.Equal(0, Run(out _, "check", dir.File("child.vhd")));
        Assert.Equal(0, Run(out _, "set-hidden", dir.File("renamed.vhd"), "1"));
        Assert.Equal(0, Run(out string info, "info", dir.File("child.vhd")));
        Assert.Contains("hidden=1", info);
    }

    [Fact]
    public void Errors_have_distinct_exit_codes()
    {
        using var dir = new TempDirectory();
        Assert.Equal(CommandLine.Usage, Run(out _, "frobnicate"));
        Assert.Equal(CommandLine.Usage, Run(out _, "create", "12Q", dir.File("x.vhd")));
        Assert.Equal(CommandLine.Usage, Run(out _, "create", "--fixed", "--dynamic", "1M", dir.File("x.vhd")));
        Assert.Equal(CommandLine.Usage, Run(out _, "create", "3T", dir.File("x.vhd")));
        Assert.Equal(CommandLine.IoError, Run(out _, "info", dir.File("missing.vhd")));
        File.WriteAllBytes(dir.File("junk.vhd"), new byte[4096]);
        Assert.Equal(CommandLine.BadVhd, Run(out _, "info", dir.File("junk.vhd")));
        Assert.Equal(CommandLine.ProblemsFound, Run(out string check, "check", dir.File("junk.vhd")));
        Assert.Contains("BadFooterCookie", check);
        Assert.Equal(0, Run(out _, "create", "1M", dir.File("x.vhd")));
        Assert.Equal(CommandLine.IoError, Run(out _, "create", "1M", dir.File("x.vhd")));
    }

    [Fact]
    public void A_failed_export_leaves_no_output_file_and_never_replaces_one()
    {
        using var dir = new TempDirectory();
        VhdFile.CreateDynamic(dir.File("base.vhd"), 4 << 20).Dispose();
        VhdFile.CreateDifferencing(dir.File("child.vhd"), dir.File("base.vhd")).Dispose();
        File.Delete(dir.File("base.vhd"));
        Assert.Equal(CommandLine.BadVhd, Run(out _, "export", dir.File("child.vhd"), dir.File("flat.vhd")));
        Assert.False(File.Exists(dir.File("flat.vhd")));
        Assert.Equal(CommandLine.BadVhd, Run(out _, "export", "--raw", dir.File("child.vhd"), dir.File("out.raw")));
        Assert.False(File.Exists(dir.File("out.raw")));

        File.WriteAllText(dir.File("kept.raw"), "someone else's");
        VhdFile.CreateDynamic(dir.File("ok.vhd"), 1 << 20).Dispose();
        Assert.Equal(CommandLine.IoError, Run(out _, "export", "--raw", dir.File("ok.vhd"), dir.File("kept.raw")));
        Assert.Equal("someone else's", File.ReadAllText(dir.File("kept.raw")));
    }

    private static int Run(out string output, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CommandLine.Run(args, stdout, stderr);
        output = stdout + stderr.ToString();
        return code;
    }
}
