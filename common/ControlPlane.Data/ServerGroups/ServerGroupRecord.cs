namespace ControlPlane.Data.ServerGroups;

/// <summary>A server group (table <c>server_groups</c>) with its live members.</summary>
/// <param name="Id">Group id.</param>
/// <param name="ProjectId">Owning project.</param>
/// <param name="UserId">Creating user.</param>
/// <param name="Name">Display name (not unique, as Nova).</param>
/// <param name="Policy">One of <see cref="Domain.ServerGroups.ServerGroupPolicies"/>.</param>
/// <param name="MaxServerPerHost">The anti-affinity rule, or null when not set.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="Members">Ids of the member servers that are not deleted, oldest first.</param>
public sealed record ServerGroupRecord(
    Guid Id, string ProjectId, string UserId, string Name, string Policy, int? MaxServerPerHost, DateTimeOffset CreatedAt, IReadOnlyList<Guid> Members);
