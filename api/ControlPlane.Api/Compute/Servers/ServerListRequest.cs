using ControlPlane.Data.Instances;

namespace ControlPlane.Api.Compute.Servers;

/// <summary>A parsed server listing request: the store query plus whether every project was asked for.</summary>
/// <param name="Query">Filters and page (ProjectId is set by <see cref="ServerReader"/> from the principal).</param>
/// <param name="AllTenants">True when <c>all_tenants</c> was requested (admin only).</param>
/// <param name="TenantFilter">A <c>project_id</c>/<c>tenant_id</c> filter, honoured with all_tenants.</param>
/// <param name="NoMatch">True when a filter can match nothing (an unknown status below 2.38, an ip filter).</param>
public sealed record ServerListRequest(InstanceQuery Query, bool AllTenants, string? TenantFilter, bool NoMatch);
