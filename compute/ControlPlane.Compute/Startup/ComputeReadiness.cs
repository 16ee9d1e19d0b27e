namespace ControlPlane.Compute.Startup;

/// <summary>
/// Start-up milestones of the host: the driver is initialised (heartbeats may start), then the
/// host has reconciled with the conductor (messages may be handled; <c>/readyz</c> turns healthy).
/// </summary>
public sealed class ComputeReadiness
{
    private readonly TaskCompletionSource _driverReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _reconciled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True once the driver is initialised.</summary>
    public bool IsDriverReady => _driverReady.Task.IsCompleted;

    /// <summary>True once the start-up reconcile finished.</summary>
    public bool IsReconciled => _reconciled.Task.IsCompleted;

    /// <summary>Marks the driver initialised.</summary>
    public void MarkDriverReady() => _driverReady.TrySetResult();

    /// <summary>Marks the reconcile finished (implies the driver is ready).</summary>
    public void MarkReconciled()
    {
        _driverReady.TrySetResult();
        _reconciled.TrySetResult();
    }

    /// <summary>Completes when the driver is initialised.</summary>
    public Task WaitUntilDriverReadyAsync(CancellationToken cancellationToken) => _driverReady.Task.WaitAsync(cancellationToken);

    /// <summary>Completes when the reconcile finished.</summary>
    public Task WaitUntilReconciledAsync(CancellationToken cancellationToken) => _reconciled.Task.WaitAsync(cancellationToken);
}
