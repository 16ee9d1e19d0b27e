namespace ControlPlane.Compute.Manager;

/// <summary>
/// Instances whose interrupted build the start-up reconcile handed back to the conductor
/// (<c>BuildFailed</c>). The message that started that build was never acked, so the broker
/// redelivers it; that redelivery is stale (the conductor is rescheduling) and must not build.
/// A fresh (not redelivered) build of the same instance, e.g. rescheduled back to this host, runs.
/// </summary>
public sealed class InterruptedBuilds
{
    private readonly HashSet<Guid> _released = [];

    /// <summary>Records that the build of <paramref name="instanceId"/> was handed back.</summary>
    public void Add(Guid instanceId)
    {
        lock (_released)
        {
            _released.Add(instanceId);
        }
    }

    /// <summary>
    /// True when a build of <paramref name="instanceId"/> is the stale redelivery of a handed-back
    /// build. Any build message of the instance clears the record: only the first one is judged.
    /// </summary>
    public bool IsStale(Guid instanceId, bool redelivered)
    {
        lock (_released)
        {
            return _released.Remove(instanceId) && redelivered;
        }
    }
}
