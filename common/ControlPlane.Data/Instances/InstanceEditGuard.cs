namespace ControlPlane.Data.Instances;

/// <summary>When a metadata or tag write may apply: no task, vm_state one of <see cref="VmStates"/>, and not locked unless
/// <see cref="IgnoreLock"/> (an admin).</summary>
/// <param name="VmStates">The vm_states the write is allowed in.</param>
/// <param name="IgnoreLock">True for an admin (Nova's <c>check_instance_lock</c> lets admins through).</param>
public sealed record InstanceEditGuard(IReadOnlyList<string> VmStates, bool IgnoreLock);
