namespace ControlPlane.Compute.Startup;

/// <summary>Outcome of the start-up reconcile.</summary>
/// <param name="Changed">Instances for which something was reported or done.</param>
/// <param name="Failed">Instances whose reconcile threw (logged, left as they were).</param>
/// <param name="Unknown">Hypervisor instances unknown to the control plane on this host (logged only).</param>
public sealed record ReconcileResult(int Changed, int Failed, int Unknown);
