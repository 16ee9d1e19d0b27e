namespace ControlPlane.Scheduler.Grpc;

/// <summary>Log messages of the gRPC edge (EventIds 2300-2319).</summary>
internal static partial class GrpcLog
{
    [LoggerMessage(EventId = 2300, EventName = "GrpcUnexpectedError", Level = LogLevel.Error,
        Message = "Unexpected error in {Method}")]
    public static partial void Unexpected(ILogger logger, string method, Exception exception);
}
