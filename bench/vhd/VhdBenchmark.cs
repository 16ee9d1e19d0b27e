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
        // NOTE(vhd): qemu-img convert defaults to cache=unsafe (no flush); -t writeback makes it flush like ours.
        RunInterleaved(report, [
            (() => OursOp(size, flatten, true, size, "flatten", f.ChildVhd, Out("flat.vhd")), Out("flat.vhd")),
            (() => OursOp(size, flatten, false, size, "flatten", f.ChildVhd, Out("flat.vhd"), "--no-fsync"), Out("flat.vhd")),
            (() => QemuOp(size, flatten, false, size, "convert", "-f", "qcow2", "-O", "vpc", "-o", "subformat=dynamic", f.TopQcow2, Out("qemu.vhd")), Out("qemu.vhd")),
            (() => QemuOp(size, flatten, true, size, "convert", "-t", "writeback", "-f", "qcow2", "-O", "vpc", "-o", "subformat=dynamic", f.TopQcow2, Out("qemu.vhd")), Out("qemu.vhd")),
            (() => CopyOp(size, flatten, size, f.FinalRaw, Out("copy.raw")), Out("copy.raw")),
        ]);
        OursOp(size, flatten, false, size, "flatten", f.ChildVhd, Out("flat.vhd"), "--no-fsync");
        report.Verify(size, "our flattened VHD equals the chain content (qemu-img compare)", Compare("vpc", Out("flat.vhd"), f.FinalRaw));
        File.Delete(Out("flat.vhd"));

        const string export = "export chain -> raw";
        RunInterleaved(report, [
            (() => OursOp(size, export, true, size, "export-raw", f.ChildVhd, Out("out.raw")), Out("out.raw")),
            (() => OursOp(size, export, false, size, "export-raw", f.ChildVhd, Out("out.raw"), "--no-fsync"), Out("out.raw")),
            (() => QemuOp(size, export, false, size, "convert", "-f", "qcow2", "-O", "raw", f.TopQcow2, Out("qemu.raw")), Out("qemu.raw")),
            (() => QemuOp(size, export, true, size, "convert", "-t", "writeback", "-f", "qcow2", "-O", "raw", f.TopQcow2, Out("qemu.raw")), Out("qemu.raw")),
            (() => CopyOp(size, export, size, f.FinalRaw, Out("copy.raw")), Out("copy.raw")),
        ]);
        OursOp(size, export, false, size, "export-raw", f.ChildVhd, Out("out.raw"), "--no-fsync");
        report.Verify(size, "our raw export equals the chain content (cmp)", ProcessRunner.Run("cmp", Out("out.raw"), f.FinalRaw).ExitCode == 0);
        File.Delete(Out("out.raw"));

        log.WriteLine($"[{size >> 20} MiB] coalesce");
        // Repeating is fair: the parent is fully allocated, so every run rewrites the same allocated blocks;
        // qemu-img commit -d keeps the overlay's data so every run commits the same clusters.
        const string coalesce = "coalesce child -> parent";
        RunInterleaved(report, [
            (() => OursOp(size, coalesce, true, childBytes, "coalesce", f.ChildVhd), null),
            (() => QemuOp(size, coalesce, true, childBytes, "commit", "-d", "-t", "writeback", "-f", "qcow2", f.TopQcow2), null),
            (() => CopyOp(size, coalesce, childBytes, f.ChildVhd, Out("copy-child.vhd")), Out("copy-child.vhd")),
        ]);
        report.Verify(size, "coalesced parent equals the chain content (qemu-img compare)", Compare("vpc", f.ParentVhd, f.FinalRaw));
        report.Verify(size, "qemu-committed base equals the chain content (qemu-img compare)", Compare("qcow2", f.BaseQcow2, f.FinalRaw));
        if (!options.Keep)
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Runs every case <see cref="BenchOptions.Repeat"/> times, round-robin so drift in the machine's I/O speed hits
    /// all tools alike, deleting each case's output after its run; reports each case's median.
    /// </summary>
    private void RunInterleaved(BenchReport report, IReadOnlyList<(Func<Measurement> Run, string? Output)> cases)
    {
        var runs = cases.Select(_ => new List<Measurement>()).ToArray();
        for (int rep = 0; rep < options.Repeat; rep++)
        {
            for (int i = 0; i < cases.Count; i++)
            {
                runs[i].Add(cases[i].Run());
                if (cases[i].Output is { } output)
                {
                    File.Delete(output);
                }
            }
        }

        foreach (List<Measurement> caseRuns in runs)
        {
            report.Add(Measurement.Median(caseRuns));
        }
    }

    /// <summary>Writes back all dirty pages first, so no operation pays for an earlier one's writeback.</summary>
    private static void Settle() => ProcessRunner.MustRun("sync");

    private static Measurement OursOp(long size, string task, bool durable, long bytes, params string[] op)
    {
        Settle();
        string self = typeof(VhdBenchmark).Assembly.Location;
        ProcessRunner.Result r = ProcessRunner.MustRun(Environment.ProcessPath!, [self, OperationProcess.Verb, .. op]);
        string[] parts = r.Stdout.Trim().Split(' ');
        return new Measurement(size, task, Ours, durable, bytes, r.Seconds, long.Parse(parts[2], CultureInfo.InvariantCulture))
        {
            InProcessSeconds = double.Parse(parts[0], CultureInfo.InvariantCulture),
        };
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
