using Microsoft.Extensions.Logging;

namespace ControlPlane.Hosting.Diagnostics;

/// <summary>Log messages of ControlPlane.Hosting (EventIds 100-199; see docs/logging.md).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 100, EventName = "EffectiveOptions", Level = LogLevel.Information,
        Message = "Effective options {OptionsType} (section {Section}): {Values}")]
    public static partial void EffectiveOptions(ILogger logger, string optionsType, string section, string values);

    [LoggerMessage(EventId = 101, EventName = "RequestIdRejected", Level = LogLevel.Debug,
        Message = "Ignored a malformed X-OpenStack-Request-ID header ({Length} chars); generated {RequestId}")]
    public static partial void RequestIdRejected(ILogger logger, int length, string requestId);

    [LoggerMessage(EventId = 110, EventName = "TransientFaultRetry", Level = LogLevel.Warning,
        Message = "Transient infrastructure fault ({Kind}) on attempt {Attempt}; retrying in {DelayMs} ms: {ErrorType}: {Error}")]
    public static partial void TransientFaultRetry(ILogger logger, string kind, int attempt, double delayMs, string errorType, string error);

    [LoggerMessage(EventId = 111, EventName = "TransientFaultUnavailable", Level = LogLevel.Warning,
        Message = "Transient infrastructure fault after {Attempts} attempt(s); answering 503: {ErrorType}: {Error}")]
    public static partial void TransientFaultUnavailable(ILogger logger, int attempts, string errorType, string error);
}
