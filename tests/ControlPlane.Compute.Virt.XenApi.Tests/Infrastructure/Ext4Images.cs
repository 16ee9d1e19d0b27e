using System.Diagnostics;
using System.Globalization;
using ControlPlane.Vhd.Operations;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Infrastructure;

/// <summary>
/// Disk images holding an ext4 filesystem built from a directory with <c>mke2fs -d</c> (no mounts), as VHD image
/// archives, and readers for a filesystem inside a raw disk file (<c>e2fsck -fn</c>, <c>debugfs dump</c>).
/// </summary>
internal static class Ext4Images
{
    /// <summary>Files (path, content) the test filesystems hold.</summary>
    public static IReadOnlyList<(string Path, byte[] Content)> Files(int seed)
    {
        var random = new Random(seed);
        var files = new List<(string, byte[])>();
        foreach (var (path, size) in new[] { ("etc/hostname", 12), ("home/user/notes.txt", 5000), ("var/data/blob.bin", 3 << 20), ("var/data/small.bin", 70000), ("empty", 0) })
        {
            var content = new byte[size];
            random.NextBytes(content);
            files.Add((path, content));
        }

        return files;
    }

    /// <summary>A raw disk file of <paramref name="diskBytes"/> holding a bare ext4 filesystem with <see cref="Files"/>; with
    /// <paramref name="preallocatedBlocks"/> a file owning that many (unwritten) 4 KiB blocks is added with debugfs.</summary>
    public static string BuildRaw(string workDirectory, int seed, long diskBytes, long preallocatedBlocks = 0)
    {
        var tree = Path.Combine(workDirectory, "tree");
        foreach (var (path, content) in Files(seed))
        {
            var full = Path.Combine(tree, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, content);
        }

        var raw = Path.Combine(workDirectory, "disk.raw");
        using (var file = File.Create(raw))
        {
            file.SetLength(diskBytes);
        }

        Run("mke2fs", "-q", "-F", "-t", "ext4", "-b", "4096", "-d", tree, raw);
        if (preallocatedBlocks > 0)
        {
            Run("debugfs", "-w", "-R", "write /dev/null /reserved", raw);
            Run("debugfs", "-w", "-R", "fallocate /reserved 0 " + preallocatedBlocks.ToString(CultureInfo.InvariantCulture), raw);
        }

        return raw;
    }

    /// <summary>An image archive (one <c>0.vhd</c>) of the raw disk.</summary>
    public static byte[] Archive(string raw)
    {
        var vhd = raw + ".vhd";
        VhdRawConverter.ImportRaw(raw, vhd);
        return TestImages.Tar([("./0.vhd", File.ReadAllBytes(vhd))]);
    }

    /// <summary><c>e2fsck -fn</c> exit code and output.</summary>
    public static (int ExitCode, string Output) Check(string raw) => Run("e2fsck", "-fn", raw);

    /// <summary>A file's content read out of the filesystem with <c>debugfs dump</c>.</summary>
    public static byte[] Read(string raw, string path)
    {
        var output = Path.Combine(Path.GetDirectoryName(raw)!, "dump-" + Guid.NewGuid().ToString("N"));
        var (code, text) = Run("debugfs", "-R", $"dump /{path} {output}", raw);
        Assert.True(File.Exists(output), $"debugfs could not dump /{path} (exit {code}): {text}");
        return File.ReadAllBytes(output);
    }

    private static (int ExitCode, string Output) Run(string tool, params string[] args)
    {
        var info = new ProcessStartInfo("/usr/sbin/" + tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
