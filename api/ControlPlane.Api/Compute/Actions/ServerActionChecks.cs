using ControlPlane.Data.Instances;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;

namespace ControlPlane.Api.Compute.Actions;

/// <summary>
/// Nova's <c>check_instance_lock</c>, <c>check_instance_host</c> and <c>check_instance_state</c> read from an
/// operation definition, in Nova's order (lock, host, the outer check if any, vm_state before task_state),
/// with Nova's 409 messages ("Cannot 'stop' instance &lt;id&gt; while it is in vm_state stopped"); then the
/// driver feature of the instance's host. Pure: reads the instance as loaded, writes nothing.
/// </summary>
public static class ServerActionChecks
{
    /// <summary>Throws the 409 (or 400) of the first check <paramref name="instance"/> fails for <paramref name="operation"/>.</summary>
    public static void Ensure(InstanceOperation operation, InstanceRecord instance, bool admin)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.Locked && !admin && !operation.AllowedWhenLocked)
        {
            throw new ConflictException($"Instance {instance.Id} is locked");
        }
        if (operation.RequiresHost && string.IsNullOrEmpty(instance.Host))
        {
            throw new ConflictException($"Instance {instance.Id} is not ready");
        }
        if (operation.OuterCheck is { } outer)
        {
            EnsureStates(outer, outer.StateCheckName ?? outer.Name, instance);
        }
        EnsureStates(operation, operation.StateCheckName ?? operation.Name, instance);
        EnsureFeature(operation, instance);
    }

    /// <summary>The 409 of a state check that failed.</summary>
    public static ConflictException Invalid(string method, Guid id, string attribute, string? state) =>
        new($"Cannot '{method}' instance {id} while it is in {attribute} {state ?? "None"}");

    /// <summary>True when the host reported its features and <paramref name="feature"/> is not among them.</summary>
    public static bool Lacks(IReadOnlyList<string>? hostFeatures, DriverFeature feature) =>
        hostFeatures is not null && !hostFeatures.Contains(feature.ToString(), StringComparer.Ordinal);

    private static void EnsureStates(InstanceOperation check, string method, InstanceRecord instance)
    {
        if (!check.AllowsVmState(instance.VmState))
        {
            throw Invalid(method, instance.Id, "vm_state", instance.VmState);
        }
        if (!check.AllowsTaskState(instance.TaskState))
        {
            throw Invalid(method, instance.Id, "task_state", string.IsNullOrEmpty(instance.TaskState) ? null : instance.TaskState);
        }
    }

    private static void EnsureFeature(InstanceOperation operation, InstanceRecord instance)
    {
        if (operation.RequiredFeature is not { } feature || !Lacks(instance.HostFeatures, feature))
        {
            return;
        }
        var message = $"Operation '{operation.Name}' is not supported by the driver of host {instance.Host} of instance {instance.Id} (driver feature {feature}).";
        throw operation.MissingFeatureIsConflict ? new ConflictException(message) : new InvalidException(message);
    }
}
