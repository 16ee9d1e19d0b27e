using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Diagnostics;

/// <summary>Log messages of the compute service (EventIds 3000-3199; the operation runner's are 3220-3239 in OperationLog). No secrets, ever.</summary>
internal static partial class ComputeLog
{
    private static readonly Func<ILogger, Guid, IDisposable?> InstanceScopeFactory =
        LoggerMessage.DefineScope<Guid>("InstanceId:{InstanceId}");

    /// <summary>Puts the instance id in the scope of every line logged until disposed.</summary>
    public static IDisposable? InstanceScope(this ILogger logger, Guid instanceId) => InstanceScopeFactory(logger, instanceId);

    // 3000-3019: build
    [LoggerMessage(EventId = 3003, EventName = "BuildAlreadyRunning", Level = LogLevel.Information,
        Message = "Instance {InstanceName} already runs on this host; reporting it active again")]
    public static partial void BuildAlreadyRunning(this ILogger logger, string instanceName);

    [LoggerMessage(EventId = 3004, EventName = "RemovingLeftovers", Level = LogLevel.Warning,
        Message = "Removing what a previous build of {InstanceName} left (power state {PowerState})")]
    public static partial void RemovingLeftovers(this ILogger logger, string instanceName, string powerState);

    [LoggerMessage(EventId = 3005, EventName = "CleanupFailed", Level = LogLevel.Error,
        Message = "Could not remove the remains of a failed build of {InstanceName}")]
    public static partial void CleanupFailed(this ILogger logger, Exception exception, string instanceName);

    [LoggerMessage(EventId = 3006, EventName = "StaleBuildSkipped", Level = LogLevel.Warning,
        Message = "Skipping a redelivered build of {InstanceName}: it was handed back to the conductor at start-up")]
    public static partial void StaleBuildSkipped(this ILogger logger, string instanceName);

    [LoggerMessage(EventId = 3007, EventName = "InvalidInstanceSpec", Level = LogLevel.Error,
        Message = "Rejected a {Operation} message: {Reason}")]
    public static partial void InvalidInstanceSpec(this ILogger logger, string operation, string reason);

    [LoggerMessage(EventId = 3008, EventName = "BuildNoLongerAssigned", Level = LogLevel.Warning,
        Message = "Dropping a redelivered build of {InstanceName}: the control plane no longer builds it here ({State})")]
    public static partial void BuildNoLongerAssigned(this ILogger logger, string instanceName, string state);

    // 3020-3039: terminate
    [LoggerMessage(EventId = 3021, EventName = "TerminateDestroyed", Level = LogLevel.Information,
        Message = "Instance {InstanceName} destroyed (was known to the driver: {WasKnown})")]
    public static partial void TerminateDestroyed(this ILogger logger, string instanceName, bool wasKnown);

    // 3040-3059: heartbeat
    [LoggerMessage(EventId = 3040, EventName = "HeartbeatSent", Level = LogLevel.Debug,
        Message = "Service report sent: {MemoryMbUsed}/{MemoryMb} MiB, {VcpusUsed}/{Vcpus} vcpus, {Vms} instances")]
    public static partial void HeartbeatSent(this ILogger logger, long memoryMbUsed, long memoryMb, int vcpusUsed, int vcpus, int vms);

    [LoggerMessage(EventId = 3041, EventName = "HeartbeatFailed", Level = LogLevel.Warning,
        Message = "Service report failed; retrying at the next interval")]
    public static partial void HeartbeatFailed(this ILogger logger, Exception exception);

    // 3060-3099: start-up
    [LoggerMessage(EventId = 3060, EventName = "DriverInitialized", Level = LogLevel.Information,
        Message = "Virt driver {HypervisorType} initialised for host {Host}")]
    public static partial void DriverInitialized(this ILogger logger, string hypervisorType, string host);

    [LoggerMessage(EventId = 3061, EventName = "DriverInitFailed", Level = LogLevel.Warning,
        Message = "Virt driver initialisation failed (attempt {Attempt}); retrying in {Delay}")]
    public static partial void DriverInitFailed(this ILogger logger, Exception exception, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 3062, EventName = "ConductorUnavailable", Level = LogLevel.Warning,
        Message = "The conductor did not answer for this host's instances (attempt {Attempt}); retrying in {Delay}")]
    public static partial void ConductorUnavailable(this ILogger logger, Exception exception, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 3063, EventName = "ReconcileStarted", Level = LogLevel.Information,
        Message = "Reconciling {ControlPlaneCount} instances of the control plane with {DriverCount} on the hypervisor")]
    public static partial void ReconcileStarted(this ILogger logger, int controlPlaneCount, int driverCount);

    [LoggerMessage(EventId = 3064, EventName = "ReconcileFinished", Level = LogLevel.Information,
        Message = "Reconcile finished: {Changed} instances changed, {Failed} failed; handling messages now")]
    public static partial void ReconcileFinished(this ILogger logger, int changed, int failed);

    [LoggerMessage(EventId = 3065, EventName = "InterruptedBuildReleased", Level = LogLevel.Warning,
        Message = "Build of {InstanceName} was interrupted (task {TaskState}, on hypervisor {OnHypervisor}); handing it back for rescheduling")]
    public static partial void InterruptedBuildReleased(this ILogger logger, string instanceName, string taskState, bool onHypervisor);

    [LoggerMessage(EventId = 3066, EventName = "InterruptedBuildCompleted", Level = LogLevel.Information,
        Message = "Build of {InstanceName} had finished before the restart; reporting it active")]
    public static partial void InterruptedBuildCompleted(this ILogger logger, string instanceName);

    [LoggerMessage(EventId = 3067, EventName = "DeleteResumed", Level = LogLevel.Information,
        Message = "Finishing the interrupted delete of {InstanceName}")]
    public static partial void DeleteResumed(this ILogger logger, string instanceName);

    [LoggerMessage(EventId = 3068, EventName = "InstanceMissingOnHypervisor", Level = LogLevel.Warning,
        Message = "Instance {InstanceName} ({VmState}) is unexpectedly not found on the hypervisor; reporting power state NOSTATE")]
    public static partial void InstanceMissingOnHypervisor(this ILogger logger, string instanceName, string vmState);

    [LoggerMessage(EventId = 3069, EventName = "UnknownHypervisorInstance", Level = LogLevel.Warning,
        Message = "The hypervisor holds instance {InstanceId}, unknown to the control plane on this host; left untouched")]
    public static partial void UnknownHypervisorInstance(this ILogger logger, Guid instanceId);

    [LoggerMessage(EventId = 3070, EventName = "PowerStateSynced", Level = LogLevel.Information,
        Message = "Power state of {InstanceName} is {PowerState} on the hypervisor (control plane had {Recorded}); reporting it")]
    public static partial void PowerStateSynced(this ILogger logger, string instanceName, string powerState, int recorded);

    [LoggerMessage(EventId = 3071, EventName = "TaskStateCleared", Level = LogLevel.Warning,
        Message = "Clearing task {TaskState} of {InstanceName} left by a restart")]
    public static partial void TaskStateCleared(this ILogger logger, string instanceName, string taskState);

    [LoggerMessage(EventId = 3072, EventName = "ReconcileInstanceFailed", Level = LogLevel.Error,
        Message = "Reconcile of {InstanceName} failed; left as it is")]
    public static partial void ReconcileInstanceFailed(this ILogger logger, Exception exception, string instanceName);

    [LoggerMessage(EventId = 3073, EventName = "InstanceLeftAlone", Level = LogLevel.Debug,
        Message = "Instance {InstanceName} ({VmState}/{TaskState}) needs nothing at start")]
    public static partial void InstanceLeftAlone(this ILogger logger, string instanceName, string vmState, string taskState);
}
