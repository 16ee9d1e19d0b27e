using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Common.IntegrationTests.Infrastructure;

/// <summary>A logger provider that keeps every line (register it as an <see cref="ILoggerProvider"/> service of a test host).</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, EventId EventId, LogLevel Level, string Message, Exception? Exception)> _lines = new();

    /// <summary>The lines written so far, in order.</summary>
    public IReadOnlyList<(string Category, EventId EventId, LogLevel Level, string Message, Exception? Exception)> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture._lines.Enqueue((category, eventId, logLevel, formatter(state, exception), exception));
    }
}
