using ControlPlane.Api.Identity;
using ControlPlane.Api.Options;
using ControlPlane.Api.Policy;
using ControlPlane.Data.ServerGroups;
using ControlPlane.Domain.Errors;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Compute.ServerGroups;

/// <summary>
/// The service API of server groups (Nova's <c>ServerGroupController</c> logic), shared by REST and gRPC:
/// create under the <c>server_groups</c> quota, list (every project with <c>all_projects</c> for whom the
/// <c>index:all_projects</c> rule allows), show, delete (members included, as Nova), and the lookup of a
/// boot's <c>group</c> hint. A group the caller may not see is 404, never 403.
/// </summary>
public sealed class ServerGroupApi(ServerGroupStore store, IComputePolicy policy, IOptions<ApiOptions> options, TimeProvider timeProvider, ILogger<ServerGroupApi> logger)
{
    /// <summary>Rule prefix of the server group policies.</summary>
    public const string Rule = "os_compute_api:os-server-groups:";

    /// <summary>Creates a group in the caller's project; 403 over the <c>server_groups</c> quota.</summary>
    public async Task<ServerGroupRecord> CreateAsync(RequestPrincipal principal, ServerGroupRequest request, CancellationToken cancellationToken)
    {
        var group = new NewServerGroup(Guid.NewGuid(), principal.ProjectId, principal.UserId, request.Name, request.Policy, request.MaxServerPerHost, timeProvider.GetUtcNow());
        var created = await store.InsertAsync(group, options.Value.QuotaServerGroups, cancellationToken);
        ServerGroupApiLog.Created(logger, created.Id, created.ProjectId, created.Policy, created.MaxServerPerHost);
        return created;
    }

    /// <summary>A page of the caller's groups, or of every project's when <paramref name="allProjects"/> and the rule allows it.</summary>
    public Task<IReadOnlyList<ServerGroupRecord>> ListAsync(RequestPrincipal principal, bool allProjects, int limit, int offset, CancellationToken cancellationToken)
    {
        var everyProject = allProjects && policy.Allows(Rule + "index:all_projects", principal, principal.ProjectId);
        return store.ListAsync(everyProject ? null : principal.ProjectId, Math.Min(limit, options.Value.MaxLimit), offset, cancellationToken);
    }

    /// <summary>A group the caller may see (its project's, or any for whom the show rule allows on the group's project); 404 otherwise.</summary>
    public async Task<ServerGroupRecord> GetAsync(RequestPrincipal principal, Guid id, CancellationToken cancellationToken) =>
        await FindVisibleAsync(principal, id, "show", cancellationToken) ?? throw NotFound(id);

    /// <summary>Deletes a group the caller may delete (members stay, their membership goes); 404 otherwise.</summary>
    public async Task DeleteAsync(RequestPrincipal principal, Guid id, CancellationToken cancellationToken)
    {
        var group = await FindVisibleAsync(principal, id, "delete", cancellationToken) ?? throw NotFound(id);
        if (!await store.DeleteAsync(id, null, cancellationToken))
        {
            throw NotFound(id);
        }
        ServerGroupApiLog.Deleted(logger, id, group.ProjectId, group.Members.Count);
    }

    /// <summary>The group of a boot's <c>group</c> hint if the caller may see it; 400 naming the hint otherwise.</summary>
    public async Task<ServerGroupRecord> ForHintAsync(RequestPrincipal principal, Guid id, CancellationToken cancellationToken) =>
        await FindVisibleAsync(principal, id, "show", cancellationToken)
        ?? throw new InvalidException($"Invalid input for field/attribute group. Group {id} could not be found.");

    /// <summary>Default members per group (Nova's <c>server_group_members</c> quota) for the boot's membership insert.</summary>
    public int MembersQuota => options.Value.QuotaServerGroupMembers;

    private async Task<ServerGroupRecord?> FindVisibleAsync(RequestPrincipal principal, Guid id, string action, CancellationToken cancellationToken)
    {
        var group = await store.FindAsync(id, null, cancellationToken);
        return group is not null && (group.ProjectId == principal.ProjectId || policy.Allows(Rule + action, principal, group.ProjectId)) ? group : null;
    }

    private static NotFoundException NotFound(Guid id) => new($"Instance group {id} could not be found.");
}
