namespace ControlPlane.Vhd.Pipeline;

/// <summary>
/// A small bounded FIFO between two threads that blocks with <see cref="Monitor.Wait(object)"/> and never spins:
/// on a busy machine a spinning wait (as <c>BlockingCollection</c>'s semaphore does, thousands of
/// <c>sched_yield</c> calls per gigabyte) hands the CPU to other processes and costs more than the hand-off itself.
/// </summary>
internal sealed class HandoffQueue<T> : IDisposable
    where T : class
{
    private readonly Queue<T> items;
    private readonly int capacity;
    private readonly CancellationToken token;
    private readonly CancellationTokenRegistration registration;
    private bool completed;

    public HandoffQueue(int capacity, CancellationToken token)
    {
        this.capacity = capacity;
        this.token = token;
        items = new Queue<T>(capacity);
        registration = token.Register(WakeAll);
    }

    /// <summary>Appends an item, waiting while the queue is full. Throws <see cref="OperationCanceledException"/> when cancelled.</summary>
    public void Add(T item)
    {
        token.ThrowIfCancellationRequested();
        lock (items)
        {
            while (items.Count >= capacity)
            {
                Wait();
            }

            items.Enqueue(item);
            Monitor.PulseAll(items);
        }
    }

    /// <summary>
    /// Takes the oldest item, waiting while the queue is empty; false once it is empty and completed. Throws
    /// <see cref="OperationCanceledException"/> when cancelled, even if items are queued (a stopped pipeline stops at once).
    /// </summary>
    public bool TryTake(out T? item)
    {
        token.ThrowIfCancellationRequested();
        lock (items)
        {
            while (items.Count == 0)
            {
                if (completed)
                {
                    item = null;
                    return false;
                }

                Wait();
            }

            item = items.Dequeue();
            Monitor.PulseAll(items);
            return true;
        }
    }

    /// <summary>No more items will be added: takers drain what is queued, then get false.</summary>
    public void Complete()
    {
        lock (items)
        {
            completed = true;
            Monitor.PulseAll(items);
        }
    }

    public void Dispose() => registration.Dispose();

    private void Wait()
    {
        token.ThrowIfCancellationRequested();
        Monitor.Wait(items);
        token.ThrowIfCancellationRequested();
    }

    private void WakeAll()
    {
        lock (items)
        {
            Monitor.PulseAll(items);
        }
    }
}
