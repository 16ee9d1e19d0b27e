using Microsoft.Extensions.Logging;

namespace ControlPlane.Hosting.Grpc;

/// <summary>Log messages of the shared gRPC edge (EventIds 500-599; see docs/logging.md).</summary>
internal static partial class GrpcErrorLog
{
    [LoggerMessage(EventId = 500, EventName = "GrpcExpectedError", Level = LogLevel.Information,
        Message = "gRPC {Method} answered {Code} ({HttpStatus}): {Reason}")]
    public static partial void ExpectedError(ILogger logger, string method, string code, int httpStatus, string reason);

    [LoggerMessage(EventId = 501, EventName = "GrpcUnexpectedError", Level = LogLevel.Error,
        Message = "gRPC {Method} failed unexpectedly; answered Internal")]
    public static partial void UnexpectedError(ILogger logger, string method, Exception exception);
}
