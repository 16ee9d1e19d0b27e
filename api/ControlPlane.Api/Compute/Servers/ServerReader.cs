using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Identity;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.Servers;

/// <summary>Reads servers and their instance actions for a caller (project-scoped unless admin).</summary>
public sealed class ServerReader(InstanceRepository instances, InstanceActionStore actions)
{
    /// <summary>A live server the principal may see (its project's, or any for admin); 404 otherwise, also for a non-UUID id.</summary>
    public Task<InstanceRecord> GetAsync(RequestPrincipal principal, string id, CancellationToken cancellationToken, bool includeDeleted = false)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return instances.GetAsync(ServerActionStore.ParseId(id), principal.IsAdmin ? null : principal.ProjectId, includeDeleted, cancellationToken);
    }

    /// <summary>Lists servers; all_tenants needs the admin role (403 otherwise, as Nova's policy).</summary>
    public async Task<IReadOnlyList<InstanceRecord>> ListAsync(RequestPrincipal principal, ServerListRequest request, bool detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(request);
        if (request.AllTenants && !principal.IsAdmin)
        {
            throw new ForbiddenException($"Policy doesn't allow os_compute_api:servers:{(detail ? "detail" : "index")}:get_all_tenants to be performed.");
        }
        if (request.NoMatch)
        {
            return [];
        }
        var query = request.Query with { ProjectId = request.AllTenants ? request.TenantFilter : principal.ProjectId };
        return await instances.ListAsync(query, cancellationToken);
    }

    /// <summary>The server's instance actions, newest first (deleted servers included, as Nova from 2.21).</summary>
    public async Task<IReadOnlyList<InstanceActionRecord>> ListActionsAsync(RequestPrincipal principal, string id, bool includeDeleted, CancellationToken cancellationToken)
    {
        var instance = await GetAsync(principal, id, cancellationToken, includeDeleted);
        return await actions.ListAsync(instance.Id, cancellationToken);
    }

    /// <summary>One instance action with its events; 404 when unknown.</summary>
    public async Task<InstanceActionRecord> GetActionAsync(RequestPrincipal principal, string id, string requestId, bool includeDeleted, CancellationToken cancellationToken)
    {
        var instance = await GetAsync(principal, id, cancellationToken, includeDeleted);
        return await actions.GetAsync(instance.Id, requestId, cancellationToken)
            ?? throw new NotFoundException($"Action for request_id {requestId} on instance {instance.Id} not found");
    }
}
