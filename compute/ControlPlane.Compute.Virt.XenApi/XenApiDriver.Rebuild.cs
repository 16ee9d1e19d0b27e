using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.XenApi.Errors;
using ControlPlane.Compute.Virt.XenApi.Ops;

namespace ControlPlane.Compute.Virt.XenApi;

/// <summary>Rebuild (<see cref="RebuildOps"/>) and the console log (<see cref="ConsoleOps.GetConsoleOutputAsync"/>).</summary>
public sealed partial class XenApiDriver : IRebuildDriver, IConsoleLogDriver
{
    /// <inheritdoc />
    public Task RebuildAsync(VirtInstance instance, IImageSource images, bool powerOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(images);
        var o = Require();
        if (instance.MemoryMb <= 0 || instance.Vcpus <= 0 || instance.RootGb < 0)
        {
            throw new ArgumentException($"Invalid flavor for {instance.InstanceName}: {instance.MemoryMb} MiB, {instance.Vcpus} vcpus, {instance.RootGb} GiB.", nameof(instance));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return XenApiCallGuard.RunAsync(instance, "rebuild", () => o.Rebuild.RebuildAsync(instance, images, powerOn, cancellationToken));
    }

    /// <inheritdoc />
    public Task<string> GetConsoleOutputAsync(VirtInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var o = Require();
        return XenApiCallGuard.RunAsync(instance, "read the console log of", () => o.Consoles.GetConsoleOutputAsync(instance, cancellationToken));
    }
}
