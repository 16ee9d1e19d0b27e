using ControlPlane.Vhd;
using ControlPlane.Vhd.Files;

namespace ControlPlane.VhdTool.Commands;

/// <summary><c>vhd create [--fixed|--dynamic] SIZE FILE</c> and <c>vhd create --parent PARENT FILE</c>.</summary>
internal static class CreateCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        var (flags, options, positional) = Arguments.Parse(args, ["--fixed", "--dynamic"], ["--parent", "--block-size"]);
        if (options.TryGetValue("--parent", out string? parent))
        {
            if (flags.Count > 0 || options.ContainsKey("--block-size"))
            {
                throw new UsageException("--parent cannot be combined with --fixed, --dynamic or --block-size");
            }

            Arguments.Expect(positional, 1, "create --parent PARENT FILE");
            using VhdFile child = VhdFile.CreateDifferencing(positional[0], parent);
            output.WriteLine($"created differencing {child.Path} ({child.VirtualSize} bytes), parent {child.ResolveParentPath()}");
            return CommandLine.Ok;
        }

        if (flags.Count > 1)
        {
            throw new UsageException("choose one of --fixed and --dynamic");
        }

        Arguments.Expect(positional, 2, "create [--fixed|--dynamic] SIZE FILE");
        long size = Arguments.ParseSize(positional[0]);
        var createOptions = new VhdCreateOptions
        {
            BlockSize = options.TryGetValue("--block-size", out string? bs) ? (int)Math.Min(Arguments.ParseSize(bs), int.MaxValue) : VhdLimits.DefaultBlockSize,
        };
        using VhdFile file = flags.Contains("--fixed")
            ? VhdFile.CreateFixed(positional[1], size, createOptions)
            : VhdFile.CreateDynamic(positional[1], size, createOptions);
        output.WriteLine($"created {file.DiskType.ToString().ToLowerInvariant()} {file.Path} ({file.VirtualSize} bytes)");
        return CommandLine.Ok;
    }
}
