using System.Globalization;
using System.Text;
using ControlPlane.Compute.Virt.Contract;

namespace ControlPlane.Compute.Virt.Fake;

/// <summary>
/// The serial console log of one FakeDriver VM: each boot appends the lines a small Linux guest prints (kernel banner,
/// the image it booted, a login prompt), and only the last <see cref="IConsoleLogDriver.MaxBytes"/> characters are kept,
/// as the hypervisor's console ring. Not thread-safe: the driver's lock guards it.
/// </summary>
public sealed class FakeConsoleLog
{
    private readonly StringBuilder _text = new();
    private int _boots;

    /// <summary>The log as kept.</summary>
    public string Text => _text.ToString();

    /// <summary>Appends the output of one boot of <paramref name="instance"/>.</summary>
    public void Boot(VirtInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _boots++;
        var c = CultureInfo.InvariantCulture;
        _text.Append(c, $"[    0.000000] Linux version 6.1.0-fake (boot {_boots})\n")
            .Append(c, $"[    0.000000] Command line: root=/dev/xvda1 console=hvc0\n")
            .Append(c, $"[    0.000000] Memory: {instance.MemoryMb * 1024}K available\n")
            .Append(c, $"[    0.010000] smpboot: Allowing {instance.Vcpus} CPUs\n")
            .Append("[    0.120000] xen_blkfront: xvda: barrier or flush: enabled\n")
            .Append("[    0.130000] EXT4-fs (xvda1): mounted filesystem with ordered data mode\n")
            .Append("[    0.200000] Run /sbin/init as init process\n")
            .Append("Starting system logger: OK\n")
            .Append("Initializing random number generator: OK\n")
            .Append("Starting network: OK\n")
            .Append(c, $"Image: {instance.ImageId:D}\n")
            .Append("Starting dropbear sshd: OK\n")
            .Append("checking http://169.254.169.254/2009-04-04/instance-id\n")
            .Append("failed 1/20: up 1.00. request failed\n")
            .Append("=== system information ===\n")
            .Append(c, $"Instance: {instance.InstanceName}\n")
            .Append("=== datasource: None None ===\n")
            .Append("  ____               ____  ____\n")
            .Append(" / __/ __ ____ ____ / __ \\/ __/\n")
            .Append("/ /__ / // __// __// /_/ /\\ \\\n")
            .Append(c, $"\n{instance.InstanceName} login: \n");
        if (_text.Length > IConsoleLogDriver.MaxBytes)
        {
            _text.Remove(0, _text.Length - IConsoleLogDriver.MaxBytes);
        }
    }
}
