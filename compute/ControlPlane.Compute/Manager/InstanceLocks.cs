namespace ControlPlane.Compute.Manager;

/// <summary>
/// One async lock per instance uuid (Nova's <c>synchronized(instance.uuid)</c>): build, terminate
/// and start-up reconcile of one instance never overlap; different instances run in parallel.
/// A lock's semaphore is dropped when its last holder or waiter leaves, so the table only holds
/// instances with work in progress.
/// </summary>
public sealed class InstanceLocks
{
    private readonly Dictionary<Guid, Entry> _entries = [];

    /// <summary>Number of instances with a holder or waiter (for tests and metrics).</summary>
    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Waits for the lock of <paramref name="instanceId"/>; dispose the result to release it.</summary>
    public async Task<IDisposable> AcquireAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(instanceId, out entry!))
            {
                entry = new Entry();
                _entries[instanceId] = entry;
            }

            entry.References++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Leave(instanceId, entry);
            throw;
        }

        return new Holder(this, instanceId, entry);
    }

    private void Leave(Guid instanceId, Entry entry)
    {
        lock (_entries)
        {
            if (--entry.References == 0)
            {
                _entries.Remove(instanceId);
                entry.Semaphore.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int References { get; set; }
    }

    private sealed class Holder(InstanceLocks owner, Guid instanceId, Entry entry) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                entry.Semaphore.Release();
                owner.Leave(instanceId, entry);
            }
        }
    }
}
