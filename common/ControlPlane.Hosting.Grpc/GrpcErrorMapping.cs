using ControlPlane.Domain.Errors;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;

namespace ControlPlane.Hosting.Grpc;

/// <summary>
/// The one translation of the typed error hierarchy into <c>google.rpc.Status</c>, with the same meaning as the
/// REST status of the same exception: 400/406/415 InvalidArgument, 401 Unauthenticated, 403 PermissionDenied
/// (over quota: ResourceExhausted), 429 ResourceExhausted, 404 NotFound, 409 FailedPrecondition (a lost task-state compare-and-set:
/// Aborted, retryable), 413 ResourceExhausted (gRPC's own code for a message too large), 503 Unavailable (with a <c>RetryInfo</c>),
/// anything else Internal. The status carries an <c>ErrorInfo</c> whose reason is Nova's fault name.
/// </summary>
public static class GrpcErrorMapping
{
    /// <summary><c>ErrorInfo.domain</c> of every error this service raises.</summary>
    public const string ErrorDomain = "controlplane";

    /// <summary>Message of the status returned for an unexpected exception (its details stay in the log).</summary>
    public const string UnexpectedMessage = "Unexpected error.";

    /// <summary>The gRPC code of an expected error.</summary>
    public static Code CodeOf(ControlPlaneException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            UnexpectedTaskStateException => Code.Aborted,
            OverQuotaException or TooManyRequestsException => Code.ResourceExhausted,
            _ => error.HttpStatus switch
            {
                400 or 406 or 415 => Code.InvalidArgument,
                401 => Code.Unauthenticated,
                403 => Code.PermissionDenied,
                404 => Code.NotFound,
                409 => Code.FailedPrecondition,
                413 => Code.ResourceExhausted,
                503 => Code.Unavailable,
                _ => Code.Internal,
            },
        };
    }

    /// <summary>The status of an expected error: its code, its message and an <c>ErrorInfo</c> (reason: Nova's fault name).</summary>
    public static Status ToStatus(ControlPlaneException error)
    {
        var status = new Status
        {
            Code = (int)CodeOf(error),
            Message = error.Message,
            Details = { Any.Pack(new ErrorInfo { Reason = error.NovaFault, Domain = ErrorDomain }) },
        };
        if (error is ServiceUnavailableException unavailable)
        {
            // UNAVAILABLE is retryable; RetryInfo says when (the REST Retry-After).
            status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(unavailable.RetryAfter) }));
        }
        return status;
    }

    /// <summary>The status of an unexpected exception: Internal, without its details.</summary>
    public static Status Unexpected() => new() { Code = (int)Code.Internal, Message = UnexpectedMessage };
}
