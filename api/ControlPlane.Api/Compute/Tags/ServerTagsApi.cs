using ControlPlane.Api.Compute.Metadata;
using ControlPlane.Api.Compute.Servers;
using ControlPlane.Api.Identity;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.States;

namespace ControlPlane.Api.Compute.Tags;

/// <summary>
/// A server's tags (Nova's <c>server_tags.py</c>, microversion 2.26): at most <see cref="MaxTags"/> per server, each
/// 1-60 characters without '/' or ','. Writes only while the server is active, paused, suspended, stopped or shelved
/// with no task (409) and not locked for non-admins (409); each is one compare-and-set (<see cref="InstanceMetadataStore"/>).
/// </summary>
public sealed class ServerTagsApi(ServerReader servers, InstanceMetadataStore store)
{
    /// <summary>Nova's per-server tag limit.</summary>
    public const int MaxTags = 50;

    /// <summary>The vm_states tags may change in (Nova's <c>_check_instance_in_valid_state</c>).</summary>
    public static readonly IReadOnlyList<string> WritableVmStates =
        [VmState.Active, VmState.Paused, VmState.Suspended, VmState.Stopped, VmState.Shelved, VmState.ShelvedOffloaded];

    /// <summary>The tags, in the order they were added.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(RequestPrincipal principal, string serverId, CancellationToken cancellationToken) =>
        (await servers.GetAsync(principal, serverId, cancellationToken)).Tags;

    /// <summary>404 unless the server has <paramref name="tag"/>.</summary>
    public async Task CheckAsync(RequestPrincipal principal, string serverId, string tag, CancellationToken cancellationToken)
    {
        var instance = await servers.GetAsync(principal, serverId, cancellationToken);
        if (!instance.Tags.Contains(tag, StringComparer.Ordinal))
        {
            throw NotFound(instance.Id, tag);
        }
    }

    /// <summary>Replaces every tag (an empty list removes them all); returns the tags after.</summary>
    public async Task<IReadOnlyList<string>> ReplaceAsync(RequestPrincipal principal, string serverId, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(tags);
        var instance = await servers.GetAsync(principal, serverId, cancellationToken);
        if (tags.Count > MaxTags)
        {
            throw new InvalidException($"The number of tags exceeded the per-server limit {MaxTags}");
        }
        if (!await store.ReplaceTagsAsync(instance.Id, tags, Guard(principal), cancellationToken))
        {
            ServerMetadataApi.EnsureWritable(await servers.GetAsync(principal, serverId, cancellationToken), principal, "update tags", WritableVmStates);
            throw Raced(instance.Id);
        }
        return tags;
    }

    /// <summary>Adds one tag; true when it was new (201), false when it was already there (204).</summary>
    public async Task<bool> AddAsync(RequestPrincipal principal, string serverId, string tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var instance = await servers.GetAsync(principal, serverId, cancellationToken);
        if (await store.AddTagAsync(instance.Id, tag, MaxTags, Guard(principal), cancellationToken) is { } added)
        {
            return added;
        }
        var current = await servers.GetAsync(principal, serverId, cancellationToken);
        ServerMetadataApi.EnsureWritable(current, principal, "update tag", WritableVmStates);
        throw current.Tags.Count >= MaxTags
            ? new InvalidException($"The number of tags exceeded the per-server limit {MaxTags}")
            : Raced(instance.Id);
    }

    /// <summary>Removes one tag (404 when the server does not have it).</summary>
    public async Task DeleteAsync(RequestPrincipal principal, string serverId, string tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var instance = await servers.GetAsync(principal, serverId, cancellationToken);
        if (await store.DeleteTagAsync(instance.Id, tag, Guard(principal), cancellationToken))
        {
            return;
        }
        // NOTE(api): Nova checks the state before it looks for the tag (409 before 404).
        var current = await servers.GetAsync(principal, serverId, cancellationToken);
        ServerMetadataApi.EnsureWritable(current, principal, "delete tag", WritableVmStates);
        throw current.Tags.Contains(tag, StringComparer.Ordinal) ? Raced(instance.Id) : NotFound(instance.Id, tag);
    }

    /// <summary>A tag from a URL or a body: 1-60 characters, no '/' or ','; 400 naming the problem.</summary>
    public static string Validate(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (tag.Length is < 1 or > 60)
        {
            throw new InvalidException($"Invalid input for field/attribute tag. Value: {BodyFields.Shorten(tag)}. A tag is 1-60 characters long");
        }
        return tag.Contains('/') || tag.Contains(',')
            ? throw new InvalidException($"Invalid input for field/attribute tag. Value: {tag}. A tag may not contain '/' or ','")
            : tag;
    }

    private static InstanceEditGuard Guard(RequestPrincipal principal) => new(WritableVmStates, principal.IsAdmin);

    private static NotFoundException NotFound(Guid id, string tag) => new($"Instance {id} has no tag '{tag}'");

    private static ConflictException Raced(Guid id) => new($"Instance {id} changed while its tags were being updated; retry.");
}
