using ControlPlane.Vhd.Operations;

namespace ControlPlane.VhdTool.Commands;

/// <summary><c>export [--raw] FILE OUT|-</c> and <c>import-raw RAW OUT</c>.</summary>
internal static class TransferCommands
{
    public static int Export(string[] args, TextWriter output)
    {
        var (flags, _, positional) = Arguments.Parse(args, ["--raw"], []);
        Arguments.Expect(positional, 2, "export [--raw] FILE OUT|-");
        if (positional[1] == "-")
        {
            using Stream stdout = Console.OpenStandardOutput();
            Write(flags, positional[0], stdout);
            return CommandLine.Ok;
        }

        string target = Path.GetFullPath(positional[1]);
        long bytes;
        var destination = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        try
        {
            using (destination)
            {
                bytes = Write(flags, positional[0], destination);
            }
        }
        catch
        {
            // NOTE(vhd): a failed export must not leave a partial file that looks like a result.
            File.Delete(target);
            throw;
        }

        output.WriteLine($"wrote {bytes} bytes to {target}");
        return CommandLine.Ok;
    }

    private static long Write(IReadOnlySet<string> flags, string source, Stream destination) => flags.Contains("--raw")
        ? VhdRawConverter.ExportRaw(source, destination)
        : VhdFlattener.Flatten(source, destination);

    public static int ImportRaw(string[] args, TextWriter output)
    {
        var (_, _, positional) = Arguments.Parse(args, [], []);
        Arguments.Expect(positional, 2, "import-raw RAW OUT");
        int blocks = VhdRawConverter.ImportRaw(positional[0], positional[1]);
        output.WriteLine($"imported {Path.GetFullPath(positional[0])} into {Path.GetFullPath(positional[1])} ({blocks} blocks allocated)");
        return CommandLine.Ok;
    }
}
