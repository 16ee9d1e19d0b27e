using System.Collections.Concurrent;
using ControlPlane.Testing;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.UnitTests.Infrastructure;

/// <summary>A logger that keeps every entry (level, event id, message) for assertions;
/// <see cref="Changed"/> is notified after each entry.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, EventId EventId, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    /// <summary>Notified after every entry.</summary>
    public ChangeSignal Changed { get; } = new();

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        Entries.Enqueue((logLevel, eventId, formatter(state, exception)));
        Changed.Notify();
    }

    public bool Has(int eventId) => Entries.Any(e => e.EventId.Id == eventId);

    public IEnumerable<(LogLevel Level, EventId EventId, string Message)> AtLeast(LogLevel level) => Entries.Where(e => e.Level >= level);
}
