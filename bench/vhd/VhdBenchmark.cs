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
        report.Add(Repeat(() => OursOp(size, flatten, true, size, "flatten", f.ChildVhd, Out("flat.vhd")), Out("flat.vhd")));
        report.Add(Repeat(() => OursOp(size, flatten, false, size, "flatten", f.ChildVhd, Out("flat.vhd"), "--no-fsync"), Out("flat.vhd")));
        // NOTE(vhd): qemu-img convert defaults to cache=unsafe (no flush); -t writeback makes it flush like ours.
        report.Add(Repeat(() => QemuOp(size, flatten, false, size, "convert", "-f", "qcow2", "-O", "vpc", "-o", "subformat=dynamic", f.TopQcow2, Out("qemu.vhd")), Out("qemu.vhd")));
        report.Add(Repeat(() => QemuOp(size, flatten, true, size, "convert", "-t", "writeback", "-f", "qcow2", "-O", "vpc", "-o", "subformat=dynamic", f.TopQcow2, Out("qemu.vhd")), Out("qemu.vhd")));
        OursOp(size, flatten, false, size, "flatten", f.ChildVhd, Out("flat.vhd"), "--no-fsync");
        report.Verify(size, "our flattened VHD equals the chain content (qemu-img compare)", Compare("vpc", Out("flat.vhd"), f.FinalRaw));
        report.Add(Repeat(() => CopyOp(size, flatten, size, Out("flat.vhd"), Out("copy.vhd")), Out("copy.vhd")));
        File.Delete(Out("flat.vhd"));

        const string export = "export chain -> raw";
        report.Add(Repeat(() => OursOp(size, export, true, size, "export-raw", f.ChildVhd, Out("out.raw")), Out("out.raw")));
        report.Add(Repeat(() => OursOp(size, export, false, size, "export-raw", f.ChildVhd, Out("out.raw"), "--no-fsync"), Out("out.raw")));
        report.Add(Repeat(() => QemuOp(size, export, false, size, "convert", "-f", "qcow2", "-O", "raw", f.TopQcow2, Out("qemu.raw")), Out("qemu.raw")));
        report.Add(Repeat(() => QemuOp(size, export, true, size, "convert", "-t", "writeback", "-f", "qcow2", "-O", "raw", f.TopQcow2, Out("qemu.raw")), Out("qemu.raw")));
        OursOp(size, export, false, size, "export-raw", f.ChildVhd, Out("out.raw"), "--no-fsync");
        report.Verify(size, "our raw export equals the chain content (cmp)", ProcessRunner.Run("cmp", Out("out.raw"), f.FinalRaw).ExitCode == 0);
        report.Add(Repeat(() => CopyOp(size, export, size, Out("out.raw"), Out("copy.raw")), Out("copy.raw")));
        File.Delete(Out("out.raw"));

        log.WriteLine($"[{size >> 20} MiB] coalesce");
        // Repeating is fair: the parent is fully allocated, so every run rewrites the same allocated blocks;
        // qemu-img commit -d keeps the overlay's data so every run commits the same clusters.
        const string coalesce = "coalesce child -> parent";
        report.Add(Repeat(() => OursOp(size, coalesce, true, childBytes, "coalesce", f.ChildVhd), null));
        report.Verify(size, "coalesced parent equals the chain content (qemu-img compare)", Compare("vpc", f.ParentVhd, f.FinalRaw));
        report.Add(Repeat(() => QemuOp(size, coalesce, true, childBytes, "commit", "-d", "-t", "writeback", "-f", "qcow2", f.TopQcow2), null));
        report.Verify(size, "qemu-committed base equals the chain content (qemu-img compare)", Compare("qcow2", f.BaseQcow2, f.FinalRaw));
        report.Add(Repeat(() => CopyOp(size, coalesce, childBytes, f.ChildVhd, Out("copy-child.vhd")), Out("copy-child.vhd")));
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>Runs a measurement <see cref="BenchOptions.Repeat"/> times, deleting its output after each run; returns the median.</summary>
    private Measurement Repeat(Func<Measurement> run, string? output)
    {
        var runs = new List<Measurement>();
        for (int i = 0; i < options.Repeat; i++)
        {
            runs.Add(run());
            if (output is not null)
            {
                File.Delete(output);
            }
        }

        return Measurement.Median(runs);
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

    private static string QemuVersion() => ProcessRunner.MustRun("qemu-img", "--version").Stdout.Split('\n')[0].Trim();
}
