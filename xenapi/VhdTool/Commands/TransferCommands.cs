using ControlPlane.Vhd.Operations;

namespace ControlPlane.VhdTool.Commands;

/// <summary><c>export [--raw] FILE OUT|-</c> and <c>import-raw RAW OUT</c>.</summary>
internal static class TransferCommands
{
    public static int Export(string[] args, TextWriter output)
    {
        var (flags, _, positional) = Arguments.Parse(args, ["--raw"], []);
        Arguments.Expect(positional, 2, "export [--raw] FILE OUT|-");
        bool toStdout = positional[1] == "-";
        using Stream destination = toStdout
            ? Console.OpenStandardOutput()
            : new FileStream(positional[1], FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        long bytes = flags.Contains("--raw")
            ? VhdRawConverter.ExportRaw(positional[0], destination)
            : VhdFlattener.Flatten(positional[0], destination);
        if (!toStdout)
        {
            output.WriteLine($"wrote {bytes} bytes to {Path.GetFullPath(positional[1])}");
        }

        return CommandLine.Ok;
    }

    public static int ImportRaw(string[] args, TextWriter output)
    {
        var (_, _, positional) = Arguments.Parse(args, [], []);
        Arguments.Expect(positional, 2, "import-raw RAW OUT");
        int blocks = VhdRawConverter.ImportRaw(positional[0], positional[1]);
        output.WriteLine($"imported {Path.GetFullPath(positional[0])} into {Path.GetFullPath(positional[1])} ({blocks} blocks allocated)");
        return CommandLine.Ok;
    }
}
