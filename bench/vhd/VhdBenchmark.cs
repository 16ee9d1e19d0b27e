using System.Globalization;

namespace ControlPlane.Bench.Vhd;

/// <summary>
/// For each size: builds the chain, then times flatten, raw export and coalesce with our library, the same jobs
/// with qemu-img on the equivalent qcow2 chain, and cp of the same bytes. Outputs are verified, untimed.
/// </summary>
public sealed class VhdBenchmark(BenchOptions options, TimeProvider time)
{
    public const string Ours = "ours";
    public const string Qemu = "qemu-img";
    public const string Copy = "cp + sync FILE";

    public BenchReport Run(TextWriter log)
    {
        var report = new BenchReport(time.GetUtcNow(), options.Seed, Environment.ProcessorCount, QemuVersion());
        Directory.CreateDirectory(options.WorkDirectory);
        try
        {
            foreach (long size in options.Sizes)
            {
                RunSize(size, report, log);
            }
        }
        finally
        {
            if (!options.Keep)
            {
                Directory.Delete(options.WorkDirectory, recursive: true);
            }
        }

        return report;
    }

    private void RunSize(long size, BenchReport report, TextWriter log)
    {
        string dir = Path.Combine(options.WorkDirectory, (size >> 20).ToString(CultureInfo.InvariantCulture) + "M");
        ChainFixture f = ChainFixture.Create(dir, size, options.Seed, log);
        string Out(string name) => Path.Combine(dir, name);
        long childBytes = f.ChildBlocks * ChainFixture.Block;

        log.WriteLine($"[{size >> 20} MiB] flatten / export");
        const string flatten = "flatten chain -> dynamic VHD";
        report.Add(OursOp(size, flatten, true, size, "flatten", f.ChildVhd, Out("flat.vhd")));
        report.Verify(size, "our flattened VHD equals the chain content (qemu-img compare)", Compare("vpc", Out("flat.vhd"), f.FinalRaw));
        File.Delete(Out("flat.vhd"));
        report.Add(OursOp(size, flatten, false, size, "flatten", f.ChildVhd, Out("flat.vhd"), "--no-fsync"));
        // NOTE(vhd): qemu-img convert defaults to cache=unsafe (no flush); -t writeback makes it flush like ours.
        report.Add(QemuOp(size, flatten, false, size, "convert", "-f", "qcow2", "-O", "vpc", "-o", "subformat=dynamic", f.TopQcow2, Out("qemu.vhd")));
        File.Delete(Out("qemu.vhd"));
        report.Add(QemuOp(size, flatten, true, size, "convert", "-t", "writeback", "-f", "qcow2", "-O", "vpc", "-o", "subformat=dynamic", f.TopQcow2, Out("qemu.vhd")));
        report.Add(CopyOp(size, flatten, size, Out("flat.vhd"), Out("copy.vhd")));
        DeleteAll(Out("qemu.vhd"), Out("copy.vhd"), Out("flat.vhd"));

        const string export = "export chain -> raw";
        report.Add(OursOp(size, export, true, size, "export-raw", f.ChildVhd, Out("out.raw")));
        report.Verify(size, "our raw export equals the chain content (cmp)", ProcessRunner.Run("cmp", Out("out.raw"), f.FinalRaw).ExitCode == 0);
        File.Delete(Out("out.raw"));
        report.Add(OursOp(size, export, false, size, "export-raw", f.ChildVhd, Out("out.raw"), "--no-fsync"));
        report.Add(QemuOp(size, export, false, size, "convert", "-f", "qcow2", "-O", "raw", f.TopQcow2, Out("qemu.raw")));
        File.Delete(Out("qemu.raw"));
        report.Add(QemuOp(size, export, true, size, "convert", "-t", "writeback", "-f", "qcow2", "-O", "raw", f.TopQcow2, Out("qemu.raw")));
        report.Add(CopyOp(size, export, size, Out("out.raw"), Out("copy.raw")));
        DeleteAll(Out("qemu.raw"), Out("copy.raw"), Out("out.raw"));

        log.WriteLine($"[{size >> 20} MiB] coalesce");
        const string coalesce = "coalesce child -> parent";
        report.Add(OursOp(size, coalesce, true, childBytes, "coalesce", f.ChildVhd));
        report.Verify(size, "coalesced parent equals the chain content (qemu-img compare)", Compare("vpc", f.ParentVhd, f.FinalRaw));
        report.Add(QemuOp(size, coalesce, true, childBytes, "commit", "-t", "writeback", "-f", "qcow2", f.TopQcow2));
        report.Add(CopyOp(size, coalesce, childBytes, f.ChildVhd, Out("copy-child.vhd")));
        report.Verify(size, "qemu-committed base equals the chain content (qemu-img compare)", Compare("qcow2", f.BaseQcow2, f.FinalRaw));
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>Writes back all dirty pages first, so no operation pays for an earlier one's writeback.</summary>
    private static void Settle() => ProcessRunner.MustRun("sync");

    private static Measurement OursOp(long size, string task, bool durable, long bytes, params string[] op)
    {
        Settle();
        string self = typeof(VhdBenchmark).Assembly.Location;
        ProcessRunner.Result r = ProcessRunner.MustRun(Environment.ProcessPath!, [self, OperationProcess.Verb, .. op]);
        string[] parts = r.Stdout.Trim().Split(' ');
        return new Measurement(size, task, Ours, durable, bytes, r.Seconds, long.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    private static Measurement QemuOp(long size, string task, bool durable, long bytes, params string[] args)
    {
        Settle();
        ProcessRunner.Result r = ProcessRunner.Timed("qemu-img", args);
        return new Measurement(size, task, Qemu, durable, bytes, r.Seconds, r.PeakRssKiB);
    }

    private static Measurement CopyOp(long size, string task, long bytes, string from, string to)
    {
        Settle();
        ProcessRunner.Result cp = ProcessRunner.Timed("cp", from, to);
        ProcessRunner.Result sync = ProcessRunner.MustRun("sync", to);
        return new Measurement(size, task, Copy, true, bytes, cp.Seconds + sync.Seconds, cp.PeakRssKiB);
    }

    private static bool Compare(string format, string image, string raw) =>
        ProcessRunner.Run("qemu-img", "compare", "-f", format, "-F", "raw", image, raw).ExitCode == 0;

    private static void DeleteAll(params string[] paths)
    {
        foreach (string p in paths)
        {
            File.Delete(p);
        }
    }

    private static string QemuVersion() => ProcessRunner.MustRun("qemu-img", "--version").Stdout.Split('\n')[0].Trim();
}
