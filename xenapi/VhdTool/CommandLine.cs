using ControlPlane.Vhd.Errors;
using ControlPlane.VhdTool.Commands;

namespace ControlPlane.VhdTool;

/// <summary>Dispatches <c>vhd &lt;command&gt; ...</c>. Exit codes: 0 ok, 1 check found problems, 2 usage, 3 bad VHD, 4 I/O error.</summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int ProblemsFound = 1;
    public const int Usage = 2;
    public const int BadVhd = 3;
    public const int IoError = 4;

    public const string Help = """
        usage: vhd <command> [options]
          create [--fixed|--dynamic] [--block-size BYTES] SIZE FILE   new disk; SIZE like 1073741824, 512M, 10G
          create --parent PARENT FILE                                   new differencing disk (snapshot of PARENT)
          info FILE                                                     footer, header and chain
          check FILE                                                    structural check of FILE and its parents (exit 1 on problems)
          coalesce CHILD                                                merge CHILD's data into its parent
          set-parent FILE PARENT                                        point FILE at PARENT (uuid, timestamp, name, locators)
          set-hidden FILE 0|1                                           set the hidden flag
          resize FILE SIZE                                              grow the virtual size
          export [--raw] FILE OUT|-                                     chain flattened into one dynamic VHD (or raw) to OUT or stdout
          import-raw RAW OUT                                            raw image to a dynamic VHD (zero blocks skipped)
        exit codes: 0 ok, 1 problems found, 2 usage, 3 invalid VHD, 4 I/O error
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            output.WriteLine(Help);
            return args.Length == 0 ? Usage : Ok;
        }

        var rest = args[1..];
        try
        {
            return args[0] switch
            {
                "create" => CreateCommand.Run(rest, output),
                "info" => InfoCommand.Run(rest, output),
                "check" => CheckCommand.Run(rest, output),
                "coalesce" => MaintenanceCommands.Coalesce(rest, output),
                "set-parent" => MaintenanceCommands.SetParent(rest, output),
                "set-hidden" => MaintenanceCommands.SetHidden(rest, output),
                "resize" => MaintenanceCommands.Resize(rest, output),
                "export" => TransferCommands.Export(rest, output),
                "import-raw" => TransferCommands.ImportRaw(rest, output),
                _ => throw new UsageException($"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException e)
        {
            error.WriteLine($"vhd: {e.Message}");
            error.WriteLine(Help);
            return Usage;
        }
        catch (VhdFormatException e)
        {
            error.WriteLine($"vhd: invalid VHD ({e.Reason}): {e.Message}");
            return BadVhd;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or InvalidDataException)
        {
            error.WriteLine($"vhd: {e.Message}");
            return e is ArgumentException or InvalidOperationException ? Usage : IoError;
        }
    }
}
