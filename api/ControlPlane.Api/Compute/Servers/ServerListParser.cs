using ControlPlane.Api.Edge;
using ControlPlane.Api.Microversions;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.States;

namespace ControlPlane.Api.Compute.Servers;

/// <summary>Parses the query of <c>GET /servers</c> and <c>/servers/detail</c> as Nova does.</summary>
public static class ServerListParser
{
    private static readonly HashSet<string> Known =
    [
        "name", "status", "limit", "marker", "changes-since", "changes-before", "all_tenants", "project_id", "tenant_id",
        "image", "flavor", "host", "user_id", "reservation_id", "locked", "deleted", "ip", "ip6", "sort_key", "sort_dir",
        "availability_zone", "node", "tags", "tags-any", "not-tags", "not-tags-any", "config_drive", "key_name",
        "description", "hostname", "uuid", "vm_state", "task_state", "power_state", "progress", "launch_index",
        "access_ip_v4", "access_ip_v6", "created_at", "launched_at", "terminated_at", "kernel_id", "ramdisk_id", "root_device_name",
        "auto_disk_config", "display_name", "display_description", "locked_by", "instance_type_id", "soft_deleted", "user_data",
    ];

    /// <summary>(vm_states, task_states or null for any) per API status.</summary>
    private static readonly Dictionary<string, (string[] Vm, string?[]? Task)> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ACTIVE"] = ([VmState.Active], null),
        ["BUILD"] = ([VmState.Building], null),
        ["REBOOT"] = ([VmState.Active], [TaskState.Rebooting]),
        ["HARD_REBOOT"] = ([VmState.Active], [TaskState.RebootingHard]),
        ["RESIZE"] = ([VmState.Active, VmState.Stopped], [TaskState.ResizePrep, TaskState.ResizeMigrating, TaskState.ResizeMigrated, TaskState.ResizeFinish]),
        ["VERIFY_RESIZE"] = ([VmState.Resized], null),
        ["REVERT_RESIZE"] = ([VmState.Resized], [TaskState.ResizeReverting]),
        ["SHUTOFF"] = ([VmState.Stopped], null),
        ["RESCUE"] = ([VmState.Rescued], null),
        ["ERROR"] = ([VmState.Error], null),
        ["DELETED"] = ([VmState.Deleted], null),
        ["SOFT_DELETED"] = ([VmState.SoftDeleted], null),
        ["PAUSED"] = (["paused"], null),
        ["SUSPENDED"] = (["suspended"], null),
        ["SHELVED"] = (["shelved"], null),
        ["SHELVED_OFFLOADED"] = (["shelved_offloaded"], null),
        ["MIGRATING"] = ([VmState.Active], ["migrating"]),
        ["REBUILD"] = ([VmState.Active, VmState.Stopped, VmState.Error], ["rebuilding", "rebuild_block_device_mapping", "rebuild_spawning"]),
        ["PASSWORD"] = ([VmState.Active], ["updating_password"]),
    };

    /// <summary>Parses <paramref name="q"/>; admin-only filters are ignored for non-admins, and <c>status=DELETED</c>
    /// is refused to them (403), as Nova does.</summary>
    public static ServerListRequest Parse(IQueryCollection q, ApiVersion version, bool admin, int maxLimit)
    {
        if (version.AtLeast(75))
        {
            QueryParams.RejectUnknown(q, Known);
        }
        ServerSortParams.Validate(q);
        var noMatch = false;
        var query = new InstanceQuery
        {
            NameRegex = QueryParams.Get(q, "name"),
            ImageRef = LastSegment(QueryParams.Get(q, "image")),
            FlavorId = LastSegment(QueryParams.Get(q, "flavor")),
            ChangesSince = QueryParams.Time(q, "changes-since"),
            ChangesBefore = version.AtLeast(66) ? QueryParams.Time(q, "changes-before") : null,
            Limit = QueryParams.Limit(q, maxLimit),
            Marker = Marker(QueryParams.Get(q, "marker")),
            ReservationId = QueryParams.Get(q, "reservation_id"),
        };
        if (query.ChangesSince is { } since && query.ChangesBefore is { } before && before < since)
        {
            throw new InvalidException("The value of changes-since must be less than or equal to changes-before.");
        }
        if (QueryParams.Get(q, "status") is { } status)
        {
            if (Statuses.TryGetValue(status, out var states))
            {
                query = query with { VmStates = states.Vm, TaskStates = states.Task };
                if (status.Equals("DELETED", StringComparison.OrdinalIgnoreCase))
                {
                    query = admin ? query with { Deleted = true }
                        : throw new ForbiddenException("Only administrators may list deleted instances");
                }
            }
            else if (version.AtLeast(38))
            {
                throw new InvalidException("Invalid status value");
            }
            else
            {
                noMatch = true;
            }
        }
        if (version.AtLeast(26))
        {
            query = query with { Tags = TagFilter(q) };
        }
        if (version.AtLeast(73) && QueryParams.Get(q, "locked") is { } locked)
        {
            query = query with { Locked = Bool("locked", locked) };
        }
        if (q.ContainsKey("ip") || q.ContainsKey("ip6"))
        {
            // NOTE(api): servers have no addresses here, so an address filter matches nothing.
            noMatch = true;
        }
        var allTenants = false;
        string? tenant = null;
        if (QueryParams.Get(q, "all_tenants") is { } all)
        {
            allTenants = all.Length == 0 || Bool("all_tenants", all);
        }
        if (admin)
        {
            query = query with
            {
                Host = QueryParams.Get(q, "host"),
                UserId = QueryParams.Get(q, "user_id"),
                Deleted = QueryParams.Get(q, "deleted") is { } d ? Bool("deleted", d) : query.Deleted,
            };
            tenant = QueryParams.Get(q, "project_id") ?? QueryParams.Get(q, "tenant_id");
        }
        return new ServerListRequest(query, allTenants, tenant, noMatch);
    }

    private static bool Bool(string name, string raw) => raw.ToLowerInvariant() switch
    {
        "1" or "t" or "true" or "on" or "y" or "yes" => true,
        "0" or "f" or "false" or "off" or "n" or "no" => false,
        _ => throw new InvalidException($"Invalid input for query parameters {name}. Value: {raw}. '{raw}' is not a boolean"),
    };

    private static Guid? Marker(string? raw)
    {
        if (raw is null)
        {
            return null;
        }
        return Guid.TryParse(raw, out var g) ? g : throw new InvalidException($"marker [{raw}] not found");
    }

    /// <summary>Nova accepts an image or flavor filter as an id or as a link ending in the id.</summary>
    private static string? LastSegment(string? raw) => raw is null ? null : raw.TrimEnd('/').Split('/')[^1];

    /// <summary>Nova's tag filters: each a comma-separated list of tags; null when none is given.</summary>
    private static InstanceTagFilter? TagFilter(IQueryCollection q)
    {
        static IReadOnlyList<string>? Split(string? value) =>
            value is null ? null : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var filter = new InstanceTagFilter(
            Split(QueryParams.Get(q, "tags")), Split(QueryParams.Get(q, "tags-any")),
            Split(QueryParams.Get(q, "not-tags")), Split(QueryParams.Get(q, "not-tags-any")));
        return filter is { All: null, Any: null, NotAll: null, NotAny: null } ? null : filter;
    }
}
