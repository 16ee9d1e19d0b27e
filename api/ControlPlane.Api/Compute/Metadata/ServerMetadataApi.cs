using System.Text.Json;
using ControlPlane.Api.Compute.Servers;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Options;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.States;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Compute.Metadata;

/// <summary>
/// A server's metadata (Nova's <c>server_metadata.py</c> and <c>compute/api.py update_instance_metadata</c>): reads of the
/// server the caller may see (404 otherwise), writes only while it is active, paused, suspended or stopped with no task
/// (409), not locked for non-admins (409), and at most the project's <c>metadata_items</c> quota of items after the write
/// (403). Each write is one compare-and-set (<see cref="InstanceMetadataStore"/>): nothing is half-written.
/// </summary>
public sealed class ServerMetadataApi(ServerReader servers, InstanceMetadataStore store, IOptions<ApiOptions> options)
{
    /// <summary>The vm_states metadata may change in (Nova's <c>update_instance_metadata</c>).</summary>
    public static readonly IReadOnlyList<string> WritableVmStates = [VmState.Active, VmState.Paused, VmState.Suspended, VmState.Stopped];

    /// <summary>Every item.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ListAsync(RequestPrincipal principal, string serverId, CancellationToken cancellationToken) =>
        Parse((await servers.GetAsync(principal, serverId, cancellationToken)).MetadataJson);

    /// <summary>One item; 404 "Metadata item was not found" when missing.</summary>
    public async Task<string> ShowAsync(RequestPrincipal principal, string serverId, string key, CancellationToken cancellationToken) =>
        (await ListAsync(principal, serverId, cancellationToken)).TryGetValue(key, out var value)
            ? value
            : throw new NotFoundException("Metadata item was not found");

    /// <summary>Merges <paramref name="items"/> (or replaces everything when <paramref name="replace"/>); returns all items after.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SetAsync(
        RequestPrincipal principal, string serverId, IReadOnlyDictionary<string, string> items, bool replace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var instance = await servers.GetAsync(principal, serverId, cancellationToken);
        var limit = options.Value.QuotaMetadataItems;
        var written = await store.SetMetadataAsync(instance.Id, JsonSerializer.Serialize(items), replace, limit, Guard(principal), cancellationToken);
        if (written is not null)
        {
            return Parse(written);
        }
        var current = await servers.GetAsync(principal, serverId, cancellationToken);
        EnsureWritable(current, principal, "update metadata");
        var allowed = await store.MetadataLimitAsync(current.ProjectId, limit, cancellationToken);
        var after = replace ? items.Count : Parse(current.MetadataJson).Keys.Union(items.Keys).Count();
        throw allowed >= 0 && after > allowed
            ? new OverQuotaException($"Maximum number of metadata items exceeds {allowed}")
            : new ConflictException($"Instance {current.Id} changed while its metadata was being updated; retry.");
    }

    /// <summary>Deletes one item; 404 when missing.</summary>
    public async Task DeleteAsync(RequestPrincipal principal, string serverId, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var instance = await servers.GetAsync(principal, serverId, cancellationToken);
        if (await store.DeleteMetadataAsync(instance.Id, key, Guard(principal), cancellationToken))
        {
            return;
        }
        var current = await servers.GetAsync(principal, serverId, cancellationToken);
        if (!Parse(current.MetadataJson).ContainsKey(key))
        {
            throw new NotFoundException("Metadata item was not found");
        }
        EnsureWritable(current, principal, "delete metadata");
        throw new ConflictException($"Instance {current.Id} changed while its metadata was being deleted; retry.");
    }

    /// <summary>409 in Nova's words when <paramref name="instance"/> is locked (for non-admins) or in a state that refuses
    /// <paramref name="action"/>.</summary>
    public static void EnsureWritable(InstanceRecord instance, RequestPrincipal principal, string action, IReadOnlyList<string>? vmStates = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(principal);
        if (instance.Locked && !principal.IsAdmin)
        {
            throw new ConflictException($"Instance {instance.Id} is locked");
        }
        if (instance.TaskState is { } task)
        {
            throw new ConflictException($"Cannot '{action}' instance {instance.Id} while it is in task_state {task}");
        }
        if (!(vmStates ?? WritableVmStates).Contains(instance.VmState))
        {
            throw new ConflictException($"Cannot '{action}' instance {instance.Id} while it is in vm_state {instance.VmState}");
        }
    }

    private static InstanceEditGuard Guard(RequestPrincipal principal) => new(WritableVmStates, principal.IsAdmin);

    private static Dictionary<string, string> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
}
