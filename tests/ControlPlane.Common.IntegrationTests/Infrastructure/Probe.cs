using System.Collections.Concurrent;
using ControlPlane.Domain.Context;
using ControlPlane.Messaging.Abstractions;

namespace ControlPlane.Common.IntegrationTests.Infrastructure;

/// <summary>What test handlers saw, and what they should do, shared with the test through DI.</summary>
public sealed class Probe(string name = "probe")
{
    private readonly ConcurrentQueue<Seen> _seen = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Seen>> _waiters = new();

    /// <summary>Which host this probe belongs to.</summary>
    public string Name { get; } = name;

    /// <summary>Behaviour of the handler for a given key (default: return at once).</summary>
    public Func<string, RpcContext, CancellationToken, Task>? Behaviour { get; set; }

    /// <summary>Every invocation, in order.</summary>
    public IReadOnlyCollection<Seen> All => _seen;

    /// <summary>Records an invocation and runs <see cref="Behaviour"/>.</summary>
    public Task RecordAsync(string key, RpcContext context, CancellationToken cancellationToken)
    {
        var seen = new Seen(key, context, RequestContext.Current);
        _seen.Enqueue(seen);
        _waiters.GetOrAdd(key, _ => new TaskCompletionSource<Seen>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(seen);
        return Behaviour?.Invoke(key, context, cancellationToken) ?? Task.CompletedTask;
    }

    /// <summary>Completes when a handler first saw <paramref name="key"/> (bounded by the test deadline).</summary>
    public Task<Seen> SeenAsync(string key) =>
        _waiters.GetOrAdd(key, _ => new TaskCompletionSource<Seen>(TaskCreationOptions.RunContinuationsAsynchronously)).Task
            .WithinAsync($"{Name} handling {key}");

    /// <summary>One handler invocation.</summary>
    public sealed record Seen(string Key, RpcContext Context, string? AmbientRequestId);
}
