using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Operations;

namespace ControlPlane.VhdTool.Commands;

/// <summary><c>coalesce</c>, <c>set-parent</c>, <c>set-hidden</c> and <c>resize</c>.</summary>
internal static class MaintenanceCommands
{
    public static int Coalesce(string[] args, TextWriter output)
    {
        var (_, _, positional) = Arguments.Parse(args, [], []);
        Arguments.Expect(positional, 1, "coalesce CHILD");
        long sectors = VhdCoalescer.Coalesce(positional[0]);
        output.WriteLine($"Coalesced {sectors} sectors");
        return CommandLine.Ok;
    }

    public static int SetParent(string[] args, TextWriter output)
    {
        var (_, _, positional) = Arguments.Parse(args, [], []);
        Arguments.Expect(positional, 2, "set-parent FILE PARENT");
        using VhdFile file = VhdFile.Open(positional[0], writable: true);
        file.SetParent(positional[1]);
        file.Flush();
        output.WriteLine($"{file.Path}: parent set to {file.ResolveParentPath()}");
        return CommandLine.Ok;
    }

    public static int SetHidden(string[] args, TextWriter output)
    {
        var (_, _, positional) = Arguments.Parse(args, [], []);
        Arguments.Expect(positional, 2, "set-hidden FILE 0|1");
        if (positional[1] is not ("0" or "1"))
        {
            throw new UsageException("hidden must be 0 or 1");
        }

        using VhdFile file = VhdFile.Open(positional[0], writable: true);
        file.SetHidden(positional[1] == "1");
        file.Flush();
        output.WriteLine($"{file.Path}: hidden {positional[1]}");
        return CommandLine.Ok;
    }

    public static int Resize(string[] args, TextWriter output)
    {
        var (_, _, positional) = Arguments.Parse(args, [], []);
        Arguments.Expect(positional, 2, "resize FILE SIZE");
        using VhdFile file = VhdFile.Open(positional[0], writable: true);
        file.Resize(Arguments.ParseSize(positional[1]));
        file.Flush();
        output.WriteLine($"{file.Path}: virtual size {file.VirtualSize}");
        return CommandLine.Ok;
    }
}
