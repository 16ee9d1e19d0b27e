namespace ControlPlane.Data.ServerGroups;

/// <summary>A server group to insert.</summary>
/// <param name="Id">New group id.</param>
/// <param name="ProjectId">Owning project.</param>
/// <param name="UserId">Creating user.</param>
/// <param name="Name">Display name.</param>
/// <param name="Policy">The validated policy.</param>
/// <param name="MaxServerPerHost">The anti-affinity rule, or null.</param>
/// <param name="Now">Creation time.</param>
public sealed record NewServerGroup(Guid Id, string ProjectId, string UserId, string Name, string Policy, int? MaxServerPerHost, DateTimeOffset Now);
