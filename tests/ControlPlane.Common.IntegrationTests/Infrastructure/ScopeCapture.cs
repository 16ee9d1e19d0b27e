using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Common.IntegrationTests.Infrastructure;

/// <summary>Captures log messages with their scope properties (<c>Key=Value</c>).</summary>
public sealed class ScopeCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<(string Message, List<string> Scopes)> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>Every captured line.</summary>
    public IReadOnlyCollection<(string Message, List<string> Scopes)> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(ScopeCapture owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            owner._scopes.ForEachScope((s, list) =>
            {
                if (s is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    list.AddRange(pairs.Select(p => $"{p.Key}={p.Value}"));
                }
            }, scopes);
            owner._lines.Enqueue((formatter(state, exception), scopes));
        }
    }
}
