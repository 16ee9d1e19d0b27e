using ControlPlane.Compute.Manager;
using ControlPlane.Compute.Startup;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Domain.Errors;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Consoles;

/// <summary>
/// The compute side of consoles (Nova's <c>compute/manager.py</c> <c>get_vnc_console</c> and <c>validate_console_port</c>):
/// asks the driver for the console's connection info. No token here: consoleauth mints it.
/// </summary>
public sealed class ConsoleManager(IVirtDriver driver, ComputeReadiness readiness, ILogger<ConsoleManager> logger)
{
    /// <summary>The console type served (noVNC over the proxy).</summary>
    public const string NoVnc = "novnc";

    /// <summary>Connection info of the instance's console. NotFound without a VM, Conflict when it has no console now.</summary>
    public async Task<ConsoleConnection> GetVncConsoleAsync(InstanceSpec spec, string consoleType, CancellationToken cancellationToken)
    {
        var instance = Prepare(spec, consoleType);
        try
        {
            var connection = await Driver().GetVncConsoleAsync(instance, cancellationToken);
            ConsoleLog.ConsoleInfo(logger, instance.InstanceId, connection.Host, connection.Port);
            return connection;
        }
        catch (InstanceNotFoundException)
        {
            throw new NotFoundException($"Instance {instance.InstanceId} could not be found.");
        }
        catch (InstancePowerStateException e)
        {
            throw new ConflictException($"Instance {instance.InstanceId} has no console in power state {e.Actual}.");
        }
        catch (VirtDriverException e)
        {
            throw new ServiceUnavailableException($"The hypervisor did not return the console of instance {instance.InstanceId}: {e.Message}", e);
        }
    }

    /// <summary>True when the instance still has a console of <paramref name="consoleType"/> on <paramref name="port"/> here.</summary>
    public async Task<bool> ValidateConsolePortAsync(InstanceSpec spec, int port, string consoleType, CancellationToken cancellationToken)
    {
        var instance = Prepare(spec, consoleType);
        try
        {
            var connection = await Driver().GetVncConsoleAsync(instance, cancellationToken);
            return connection.Port == port;
        }
        catch (Exception e) when (e is InstanceNotFoundException or InstancePowerStateException)
        {
            ConsoleLog.ConsoleGone(logger, instance.InstanceId, e.Message);
            return false;
        }
        catch (VirtDriverException e)
        {
            throw new ServiceUnavailableException($"The hypervisor did not confirm the console of instance {instance.InstanceId}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The console log (Nova's <c>get_console_output</c>): the last <paramref name="length"/> lines (Nova's <c>_tail_log</c>:
    /// the log split on '\n', the last <paramref name="length"/> parts joined again), the whole log when
    /// <paramref name="length"/> is null. NotFound without a VM, Conflict when the driver keeps no console log.
    /// </summary>
    public async Task<string> GetConsoleOutputAsync(InstanceSpec spec, int? length, CancellationToken cancellationToken)
    {
        var instance = InstanceMapper.ToVirt(spec, requireFlavor: false);
        RequireReady();
        var logs = driver as IConsoleLogDriver ?? throw new ConflictException($"The {driver.Capabilities.HypervisorType} driver of this host keeps no console log.");
        try
        {
            var output = await logs.GetConsoleOutputAsync(instance, cancellationToken);
            ConsoleLog.ConsoleOutputRead(logger, instance.InstanceId, output.Length);
            return Tail(output, length);
        }
        catch (InstanceNotFoundException)
        {
            throw new NotFoundException($"Instance {instance.InstanceId} could not be found.");
        }
        catch (VirtDriverException e)
        {
            throw new ServiceUnavailableException($"The hypervisor did not return the console log of instance {instance.InstanceId}: {e.Message}", e);
        }
    }

    /// <summary>Nova's <c>_tail_log</c>: the last <paramref name="length"/> '\n'-separated parts; "" for 0; all for null.</summary>
    public static string Tail(string log, int? length)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (length is not { } n)
        {
            return log;
        }
        if (n <= 0)
        {
            return string.Empty;
        }
        var lines = log.Split('\n');
        return lines.Length <= n ? log : string.Join('\n', lines[^n..]);
    }

    private VirtInstance Prepare(InstanceSpec spec, string consoleType)
    {
        var instance = InstanceMapper.ToVirt(spec, requireFlavor: false);
        if (consoleType != NoVnc)
        {
            throw new InvalidException($"Invalid console type {consoleType}");
        }
        RequireReady();
        return instance;
    }

    private void RequireReady()
    {
        if (!readiness.IsDriverReady)
        {
            throw new ServiceUnavailableException("The compute host is starting: its hypervisor connection is not ready yet.");
        }
    }

    private IConsoleDriver Driver() =>
        driver as IConsoleDriver ?? throw new ConflictException($"The {driver.Capabilities.HypervisorType} driver of this host has no VNC console.");
}
