namespace ControlPlane.Scheduler.Grains.Groups;

/// <summary>A server group as persisted: its policy, the anti-affinity limit per host, and its live members.</summary>
/// <param name="Policy">One of <see cref="Domain.ServerGroups.ServerGroupPolicies"/>.</param>
/// <param name="MaxServerPerHost">The anti-affinity rule <c>max_server_per_host</c> (1 when the group has none).</param>
/// <param name="Members">Members whose instance is not deleted.</param>
public sealed record ServerGroupSnapshot(string Policy, int MaxServerPerHost, IReadOnlyList<GroupMember> Members);
