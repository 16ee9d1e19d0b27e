using Microsoft.Extensions.Logging;

namespace XapiSim.Hosting;

/// <summary>XapiSim log messages (EventIds 8400-8499).</summary>
internal static partial class SimLog
{
    [LoggerMessage(EventId = 8400, Level = LogLevel.Information, Message = "XapiSim host {HostName} ready: data directory {DataDirectory}, {VmCount} VMs, {VdiCount} VDIs")]
    public static partial void Ready(ILogger logger, string hostName, string dataDirectory, int vmCount, int vdiCount);

    [LoggerMessage(EventId = 8401, Level = LogLevel.Debug, Message = "Call {Method} failed: {Code}")]
    public static partial void CallFailed(ILogger logger, string method, string code);

    [LoggerMessage(EventId = 8402, Level = LogLevel.Error, Message = "Call {Method} crashed")]
    public static partial void CallCrashed(ILogger logger, Exception exception, string method);

    [LoggerMessage(EventId = 8403, Level = LogLevel.Information, Message = "Injected fault on {Method}: {Mode}")]
    public static partial void FaultInjected(ILogger logger, string method, string mode);

    [LoggerMessage(EventId = 8404, Level = LogLevel.Information, Message = "GC deleted garbage VDI {Uuid}")]
    public static partial void GcDeleted(ILogger logger, string uuid);

    [LoggerMessage(EventId = 8405, Level = LogLevel.Information, Message = "GC coalesced VDI {Uuid} into its parent {ParentUuid}, relinked {Children} children")]
    public static partial void GcCoalesced(ILogger logger, string uuid, string parentUuid, int children);

    [LoggerMessage(EventId = 8406, Level = LogLevel.Error, Message = "GC run failed")]
    public static partial void GcFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8407, Level = LogLevel.Warning, Message = "SR scan skipped unreadable VHD {Path}: {Reason}")]
    public static partial void ScanSkipped(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 8408, Level = LogLevel.Information, Message = "Console connection for VM {VmUuid} closed after {Frames} frame updates")]
    public static partial void ConsoleClosed(ILogger logger, string vmUuid, int frames);

    [LoggerMessage(EventId = 8409, Level = LogLevel.Warning, Message = "Console connection rejected: {Reason}")]
    public static partial void ConsoleRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 8411, Level = LogLevel.Debug, Message = "Console session for VM {VmUuid} ended: {Reason}")]
    public static partial void ConsoleEnded(ILogger logger, string vmUuid, string reason);

    [LoggerMessage(EventId = 8410, Level = LogLevel.Warning, Message = "HTTP handler {Handler} failed: {Reason}")]
    public static partial void HandlerFailed(ILogger logger, string handler, string reason);
}
