using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Virt.XenApi.Diagnostics;

/// <summary>Log messages of the XenAPI driver (EventIds 3500-3599; rescue 3520-3529; image cache chain 3530-3539). No secrets, never an OpaqueRef-only line.</summary>
internal static partial class XenApiDriverLog
{
    [LoggerMessage(EventId = 3500, EventName = "XenApiConnected", Level = LogLevel.Information,
        Message = "XenAPI driver connected to {Url} (host {HostName}, SR {SrName} {SrUuid})")]
    public static partial void Connected(ILogger logger, Uri url, string hostName, string srName, string srUuid);

    [LoggerMessage(EventId = 3501, EventName = "XenApiImageCacheHit", Level = LogLevel.Debug,
        Message = "image {ImageId}: cached VDI {VdiUuid} reused")]
    public static partial void ImageCacheHit(ILogger logger, Guid imageId, string vdiUuid);

    [LoggerMessage(EventId = 3502, EventName = "XenApiImageImported", Level = LogLevel.Information,
        Message = "image {ImageId}: {Layers} VHD layer(s), {VirtualSize} bytes virtual, imported as VDI {VdiUuid} in {ElapsedMs} ms ({UploadBytes} bytes sent)")]
    public static partial void ImageImported(ILogger logger, Guid imageId, int layers, long virtualSize, string vdiUuid, long elapsedMs, long uploadBytes);

    [LoggerMessage(EventId = 3503, EventName = "XenApiImageRejected", Level = LogLevel.Warning,
        Message = "image {ImageId} rejected: {Reason}")]
    public static partial void ImageRejected(ILogger logger, Guid imageId, string reason);

    [LoggerMessage(EventId = 3504, EventName = "XenApiSpawned", Level = LogLevel.Information,
        Message = "instance {InstanceId} ({InstanceName}) spawned: VM {VmUuid}, root VDI {VdiUuid}, {ElapsedMs} ms")]
    public static partial void Spawned(ILogger logger, Guid instanceId, string instanceName, string vmUuid, string vdiUuid, long elapsedMs);

    [LoggerMessage(EventId = 3505, EventName = "XenApiDestroyed", Level = LogLevel.Information,
        Message = "instance {InstanceId} destroyed: {Vms} VM(s), {Vdis} VDI(s) removed")]
    public static partial void Destroyed(ILogger logger, Guid instanceId, int vms, int vdis);

    [LoggerMessage(EventId = 3506, EventName = "XenApiCleanShutdownTimedOut", Level = LogLevel.Warning,
        Message = "instance {InstanceId}: clean {Operation} did not finish within {Timeout}; forcing it")]
    public static partial void CleanTimedOut(ILogger logger, Guid instanceId, string operation, TimeSpan timeout);

    [LoggerMessage(EventId = 3507, EventName = "XenApiCleanupFailed", Level = LogLevel.Warning,
        Message = "cleanup of {What} failed: {Error}")]
    public static partial void CleanupFailed(ILogger logger, string what, string error);

    [LoggerMessage(EventId = 3508, EventName = "XenApiStaleImportRemoved", Level = LogLevel.Information,
        Message = "removed VDI {VdiUuid} left by an interrupted image import")]
    public static partial void StaleImportRemoved(ILogger logger, string vdiUuid);

    [LoggerMessage(EventId = 3509, EventName = "XenApiStagingCleanupFailed", Level = LogLevel.Warning,
        Message = "staging directory {Path} could not be removed: {Error}")]
    public static partial void StagingCleanupFailed(ILogger logger, string path, string error);

    [LoggerMessage(EventId = 3510, EventName = "XenApiSnapshotUploaded", Level = LogLevel.Information,
        Message = "instance {InstanceId}: snapshot {ImageId} uploaded, {Members} VHD member(s), {Bytes} bytes; coalesce wait {WaitMs} ms, upload {UploadMs} ms, total {ElapsedMs} ms")]
    public static partial void SnapshotUploaded(ILogger logger, Guid instanceId, Guid imageId, int members, long bytes, long waitMs, long uploadMs, long elapsedMs);

    [LoggerMessage(EventId = 3511, EventName = "XenApiSnapshotFailed", Level = LogLevel.Warning,
        Message = "instance {InstanceId}: snapshot {ImageId} failed after {ElapsedMs} ms: {Error}")]
    public static partial void SnapshotFailed(ILogger logger, Guid instanceId, Guid imageId, long elapsedMs, string error);

    [LoggerMessage(EventId = 3512, EventName = "XenApiSnapshotLeftoverRemoved", Level = LogLevel.Information,
        Message = "instance {InstanceId}: removed VDI {VdiUuid} left by an interrupted snapshot")]
    public static partial void SnapshotLeftoverRemoved(ILogger logger, Guid instanceId, string vdiUuid);

    [LoggerMessage(EventId = 3513, EventName = "XenApiWaitingForCoalesce", Level = LogLevel.Debug,
        Message = "instance {InstanceId}: root disk parent {ParentUuid} not yet coalesced (attempt {Attempt} of {MaxAttempts})")]
    public static partial void WaitingForCoalesce(ILogger logger, Guid instanceId, string parentUuid, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 3514, EventName = "XenApiSrScanRetry", Level = LogLevel.Warning,
        Message = "SR.scan failed with {Code}; retrying in {Delay}")]
    public static partial void SrScanRetry(ILogger logger, string code, TimeSpan delay);

    [LoggerMessage(EventId = 3520, EventName = "XenApiRescued", Level = LogLevel.Information,
        Message = "instance {InstanceId}: rescue VM {RescueName} running from image {ImageId}, {ElapsedMs} ms")]
    public static partial void Rescued(ILogger logger, Guid instanceId, string rescueName, Guid imageId, long elapsedMs);

    [LoggerMessage(EventId = 3521, EventName = "XenApiRescueRollingBack", Level = LogLevel.Warning,
        Message = "instance {InstanceId}: rescue failed ({Error}); removing the rescue VM and its disks, lifting the bootlock")]
    public static partial void RescueRollingBack(ILogger logger, Guid instanceId, string error);

    [LoggerMessage(EventId = 3522, EventName = "XenApiUnrescued", Level = LogLevel.Information,
        Message = "instance {InstanceId}: rescue ended, {Vms} rescue VM(s) and {Vdis} rescue VDI(s) removed, bootlock lifted, powered on {PoweredOn}")]
    public static partial void Unrescued(ILogger logger, Guid instanceId, int vms, int vdis, bool poweredOn);

    [LoggerMessage(EventId = 3525, EventName = "XenApiImageCacheRotated", Level = LogLevel.Information,
        Message = "image {ImageId}: cached VDI chain reached depth {Depth}; replaced by the flat copy {VdiUuid}")]
    public static partial void ImageCacheRotated(ILogger logger, Guid imageId, int depth, string vdiUuid);

    [LoggerMessage(EventId = 3560, EventName = "XenApiRebuilt", Level = LogLevel.Information,
        Message = "instance {InstanceId}: VM {VmUuid} rebuilt from image {ImageId} with root VDI {VdiUuid}, {ElapsedMs} ms")]
    public static partial void Rebuilt(ILogger logger, Guid instanceId, string vmUuid, Guid imageId, string vdiUuid, long elapsedMs);

    [LoggerMessage(EventId = 3561, EventName = "XenApiConsoleLogUnavailable", Level = LogLevel.Information,
        Message = "instance {InstanceId}: the console log of domain {DomId} is not available: {Reason}")]
    public static partial void ConsoleLogUnavailable(ILogger logger, Guid instanceId, string domId, string reason);
}
