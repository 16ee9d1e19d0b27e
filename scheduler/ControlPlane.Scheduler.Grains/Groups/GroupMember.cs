namespace ControlPlane.Scheduler.Grains.Groups;

/// <summary>A live member of a server group as the database has it: its host (null until placed) and vm_state.</summary>
public sealed record GroupMember(Guid InstanceId, string? Host, string VmState);
