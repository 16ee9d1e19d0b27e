namespace ControlPlane.Compute.Virt.Contract;

/// <summary>
/// Optional capability of an <see cref="IVirtDriver"/>: the instance's serial console log (Nova's
/// <c>ComputeDriver.get_console_output</c>). The compute manager checks for it with a type test; the driver publishes
/// <see cref="Domain.Operations.DriverFeature.ConsoleOutput"/>. Same calling rules as <see cref="IVirtDriver"/>.
/// </summary>
public interface IConsoleLogDriver
{
    /// <summary>
    /// The console log of the instance's current (or, when stopped, last) domain as the hypervisor keeps it, at most
    /// the last <see cref="MaxBytes"/> bytes; a rescued instance's log is its rescue VM's. Pre: the instance is known
    /// (else <see cref="Errors.InstanceNotFoundException"/>). A VM that never ran has an empty log.
    /// </summary>
    Task<string> GetConsoleOutputAsync(VirtInstance instance, CancellationToken cancellationToken);

    /// <summary>The most of a log a driver returns (Nova's dom0 <c>console</c> plugin keeps the last 100 KiB).</summary>
    const int MaxBytes = 102400;
}
