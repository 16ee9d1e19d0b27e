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
}
