using System.Globalization;
using System.IO.Compression;
using System.Text;
using ControlPlane.XenApi.Errors;
using XapiSim.State;

namespace XapiSim.Console;

/// <summary>
/// The guest serial console log of each VM and dom0's <c>console</c> plugin that reads it (the plugin Nova's XenAPI
/// driver calls: <c>host.call_plugin(host, "console", "get_console_log", {"dom_id": N})</c>, answering the last 100 KiB
/// of <c>/var/log/xen/guest/console.N</c>, zlib-compressed and base64-encoded). Each domain start appends what a small
/// Linux guest prints while booting, naming the VM and the disk it booted from; the log survives a shutdown so a stopped
/// VM's last domain can still be read. Callers hold the database lock.
/// </summary>
internal static class GuestConsoleLog
{
    /// <summary>The dom0 plugin name.</summary>
    public const string Plugin = "console";

    /// <summary>The plugin function.</summary>
    public const string Function = "get_console_log";

    /// <summary>The most of a log kept and returned (the plugin's <c>MAX_CONSOLE_BYTES</c>).</summary>
    public const int MaxChars = 102400;

    /// <summary>Appends one boot of <paramref name="vm"/> (its domid is already set).</summary>
    public static void Boot(SimDatabase db, VmObject vm)
    {
        vm.LastDomid = vm.Domid;
        var boot = db.Vbds.All.Where(b => b.Vm == vm.Ref && !b.Empty && b.Bootable).OrderBy(b => b.Userdevice, StringComparer.Ordinal).FirstOrDefault();
        var disk = boot is null ? null : db.Vdis.Find(boot.Vdi);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder(vm.ConsoleLog)
            .Append(c, $"[    0.000000] Linux version 6.1.0-xapisim (domain {vm.Domid}, boot {vm.BootCount})\n")
            .Append("[    0.000000] Command line: root=/dev/xvda1 console=hvc0\n")
            .Append(c, $"[    0.000000] Memory: {vm.MemoryStaticMax / 1024}K available\n")
            .Append(c, $"[    0.010000] smpboot: Allowing {vm.VcpusAtStartup} CPUs\n")
            .Append(c, $"[    0.120000] blkfront: xvda: VDI {disk?.Uuid ?? "none"} ({disk?.NameLabel ?? "no disk"})\n")
            .Append("[    0.130000] EXT4-fs (xvda1): mounted filesystem with ordered data mode\n")
            .Append("[    0.200000] Run /sbin/init as init process\n")
            .Append("Starting system logger: OK\n")
            .Append("Initializing random number generator: OK\n")
            .Append("Starting network: OK\n")
            .Append("Starting dropbear sshd: OK\n")
            .Append("checking http://169.254.169.254/2009-04-04/instance-id\n")
            .Append("failed 1/20: up 1.00. request failed\n")
            .Append("=== system information ===\n")
            .Append(c, $"VM: {vm.NameLabel} ({vm.Uuid})\n")
            .Append("=== datasource: None None ===\n")
            .Append("  ____               ____  ____\n")
            .Append(" / __/ __ ____ ____ / __ \\/ __/\n")
            .Append("/ /__ / // __// __// /_/ /\\ \\\n")
            .Append(c, $"\n{vm.NameLabel} login: \n");
        vm.ConsoleLog = text.Length > MaxChars ? text.ToString(text.Length - MaxChars, MaxChars) : text.ToString();
    }

    /// <summary>The plugin call: <c>args["dom_id"]</c> names a current or past domain; XENAPI_PLUGIN_FAILURE (IOError) when
    /// no log of that domain exists, as the plugin's failed open.</summary>
    public static string Read(SimDatabase db, Dictionary<string, string> args)
    {
        var domid = args.TryGetValue("dom_id", out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) ? d : -1;
        var vm = domid < 0 ? null : db.Vms.All.FirstOrDefault(v => v.LastDomid == domid && !v.IsControlDomain);
        if (vm is null)
        {
            throw new XenApiFailure(XenApiErrorCodes.XenApiPluginFailure,
                [Function, "IOError", $"[Errno 2] No such file or directory: '/var/log/xen/guest/console.{text}'"]);
        }

        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(Encoding.UTF8.GetBytes(vm.ConsoleLog));
        }
        return Convert.ToBase64String(buffer.ToArray());
    }
}
