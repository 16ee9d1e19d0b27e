using Microsoft.Extensions.Logging;

namespace ControlPlane.Common.UnitTests.Messaging;

/// <summary>Keeps every log line written to it (event, level, formatted message, exception).</summary>
public sealed class CapturingLogger : ILogger
{
    private readonly List<(EventId EventId, LogLevel Level, string Message, Exception? Exception)> _lines = [];

    /// <summary>The lines written so far.</summary>
    public IReadOnlyList<(EventId EventId, LogLevel Level, string Message, Exception? Exception)> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines)
        {
            _lines.Add((eventId, logLevel, formatter(state, exception), exception));
        }
    }
}
