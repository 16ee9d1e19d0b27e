using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.UnitTests.Infrastructure;

/// <summary>A logger that keeps every entry (level, event id, message) for assertions.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, EventId EventId, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, eventId, formatter(state, exception)));

    public bool Has(int eventId) => Entries.Any(e => e.EventId.Id == eventId);

    public IEnumerable<(LogLevel Level, EventId EventId, string Message)> AtLeast(LogLevel level) => Entries.Where(e => e.Level >= level);
}
