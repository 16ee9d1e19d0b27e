namespace ControlPlane.Scheduler.Grains.Capacity;

/// <summary>
/// The claim arithmetic of one compute host, free of Orleans so it can be tested as a plain class.
/// Not thread-safe: the host grain's single-threaded turns are what make claims atomic.
/// A claim is keyed by instance id, so claiming twice for the same instance is a no-op.
/// </summary>
public sealed class HostCapacity(string host, AllocationRatios ratios)
{
    private readonly Dictionary<Guid, Resources> claims = [];

    /// <summary>The host this capacity belongs to.</summary>
    public string Host { get; } = host;

    /// <summary>Physical totals as last reported by the host; zero until the first report.</summary>
    public Resources Totals { get; private set; } = Resources.Zero;

    /// <summary>True once totals are known (a report was received or loaded).</summary>
    public bool CapacityKnown { get; private set; }

    /// <summary>Sum of every claim.</summary>
    public Resources Used { get; private set; } = Resources.Zero;

    /// <summary>Totals after the allocation ratios.</summary>
    public Resources Limits => ratios.LimitsFor(Totals);

    /// <summary>Number of instances holding a claim.</summary>
    public int ClaimCount => claims.Count;

    /// <summary>Replaces the physical totals (a service report). Existing claims are kept even if they no longer fit.</summary>
    public void SetTotals(Resources totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        if (totals.HasNegative)
        {
            throw new ArgumentOutOfRangeException(nameof(totals), totals, "Host totals must not be negative.");
        }
        Totals = totals;
        CapacityKnown = true;
    }

    /// <summary>True when <paramref name="instanceId"/> holds a claim here.</summary>
    public bool HasClaim(Guid instanceId) => claims.ContainsKey(instanceId);

    /// <summary>Why <paramref name="request"/> would not fit now, or <c>null</c> when it fits.</summary>
    public ClaimOutcome? CheckFits(Resources request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!CapacityKnown)
        {
            return ClaimOutcome.UnknownCapacity;
        }
        var limits = Limits;
        if (Used.MemoryMb + request.MemoryMb > limits.MemoryMb)
        {
            return ClaimOutcome.InsufficientRam;
        }
        if (Used.Vcpus + request.Vcpus > limits.Vcpus)
        {
            return ClaimOutcome.InsufficientVcpus;
        }
        if (Used.DiskMb + request.DiskMb > limits.DiskMb)
        {
            return ClaimOutcome.InsufficientDisk;
        }
        return null;
    }

    /// <summary>Checks the limits and records the claim in one step; idempotent per instance id.</summary>
    public ClaimOutcome TryClaim(Guid instanceId, Resources request)
    {
        ValidateRequest(request);
        if (claims.ContainsKey(instanceId))
        {
            return ClaimOutcome.AlreadyClaimed;
        }
        if (CheckFits(request) is { } refusal)
        {
            return refusal;
        }
        Record(instanceId, request);
        return ClaimOutcome.Claimed;
    }

    /// <summary>
    /// Records a claim without checking limits, for usage the database already attributes to this
    /// host (rebuild on activation, an instance whose placement is already committed).
    /// Returns false when the instance already held a claim.
    /// </summary>
    public bool Ensure(Guid instanceId, Resources request)
    {
        ValidateRequest(request);
        if (claims.ContainsKey(instanceId))
        {
            return false;
        }
        Record(instanceId, request);
        return true;
    }

    /// <summary>Drops the instance's claim; returns false when it held none (idempotent).</summary>
    public bool Release(Guid instanceId)
    {
        if (!claims.Remove(instanceId, out var released))
        {
            return false;
        }
        Used = Used.Subtract(released);
        return true;
    }

    /// <summary>A serializable snapshot of the current state.</summary>
    public HostUsage Snapshot() => new(Host, Totals, Limits, Used, claims.Count, CapacityKnown);

    private void Record(Guid instanceId, Resources request)
    {
        claims[instanceId] = request;
        Used = Used.Add(request);
    }

    private static void ValidateRequest(Resources request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.HasNegative)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request, "A claim must not be negative.");
        }
    }
}
