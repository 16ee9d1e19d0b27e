namespace ControlPlane.Compute.Virt.Contract;

/// <summary>
/// Optional capability of an <see cref="IVirtDriver"/>: the instance's graphical (VNC/RFB) console (Nova's
/// <c>ComputeDriver.get_vnc_console</c>). The compute manager checks for it with a type test; a driver without it has
/// no console. Same calling rules as <see cref="IVirtDriver"/>.
/// </summary>
public interface IConsoleDriver
{
    /// <summary>
    /// Where the instance's RFB console is reached now. Pre: initialised; the instance is known (else
    /// <see cref="Errors.InstanceNotFoundException"/>) and running (else <see cref="Errors.InstancePowerStateException"/>:
    /// a stopped VM has no console). Post: a TCP connection to <see cref="ConsoleConnection.Host"/>:<see cref="ConsoleConnection.Port"/>
    /// followed by <c>CONNECT &lt;InternalAccessPath&gt; HTTP/1.1</c> (when the path is not empty) is answered
    /// <c>200</c> and then speaks RFB 3.3 or later with security type None, until the VM stops or the credentials in the
    /// path stop being valid. The result is not cached by the caller: ask again for each new console.
    /// </summary>
    Task<ConsoleConnection> GetVncConsoleAsync(VirtInstance instance, CancellationToken cancellationToken);
}
