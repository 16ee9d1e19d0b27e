using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.XenApi.Errors;

namespace ControlPlane.Compute.Virt.XenApi.Errors;

/// <summary>Runs driver work, turning XAPI and transport failures into typed driver exceptions (once, at the driver's edge).</summary>
public static class XenApiCallGuard
{
    /// <summary>Work on <paramref name="instance"/>: XAPI failures are mapped with the instance's context.</summary>
    public static async Task<T> RunAsync<T>(VirtInstance instance, string operation, Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (XenApiFailure f)
        {
            throw XenApiFailureMapper.Map(f, instance, operation);
        }
        catch (Exception e) when (e is XenApiProtocolException or HttpRequestException)
        {
            throw new DriverOperationException($"{operation} {instance.InstanceName}: XAPI unreachable or answered badly: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            throw new DriverOperationException($"{operation} {instance.InstanceName}: XAPI did not answer in time", e);
        }
    }

    /// <inheritdoc cref="RunAsync{T}(VirtInstance, string, Func{Task{T}})"/>
    public static Task RunAsync(VirtInstance instance, string operation, Func<Task> action) =>
        RunAsync(instance, operation, async () =>
        {
            await action().ConfigureAwait(false);
            return true;
        });

    /// <summary>Host-level work (capacity, listing, initialisation) against <paramref name="url"/>.</summary>
    public static async Task<T> RunAsync<T>(Uri? url, string operation, Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (XenApiFailure f)
        {
            throw new DriverOperationException($"Cannot {operation} XAPI host {url}: {XenApiFailureMapper.Describe(f)}", f);
        }
        catch (Exception e) when (e is XenApiProtocolException or HttpRequestException)
        {
            throw new DriverOperationException($"Cannot {operation} XAPI host {url}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            throw new DriverOperationException($"Cannot {operation} XAPI host {url}: no answer in time", e);
        }
    }
}
