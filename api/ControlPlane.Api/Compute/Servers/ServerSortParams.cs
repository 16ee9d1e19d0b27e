using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.Servers;

/// <summary>
/// Validates <c>sort_key</c> / <c>sort_dir</c> of a server listing as Nova's query schema does: each key
/// one of Nova's sort keys (or the ones Nova accepts and ignores), each direction <c>asc</c> or
/// <c>desc</c>, no key twice, so a request never carries more keys than Nova knows. The listing's
/// order itself stays Nova's default (created_at desc, then id).
/// </summary>
public static class ServerSortParams
{
    /// <summary>Nova's <c>VALID_SORT_KEYS</c>, including <c>SERVER_LIST_IGNORE_SORT_KEY</c>.</summary>
    public static readonly IReadOnlySet<string> Keys = new HashSet<string>(StringComparer.Ordinal)
    {
        "access_ip_v4", "access_ip_v6", "auto_disk_config", "availability_zone", "config_drive", "created_at",
        "display_description", "display_name", "host", "hostname", "image_ref", "instance_type_id", "kernel_id",
        "key_name", "launch_index", "launched_at", "locked_by", "node", "power_state", "progress", "project_id",
        "ramdisk_id", "root_device_name", "task_state", "terminated_at", "updated_at", "user_id", "uuid", "vm_state",
        "architecture", "cell_name", "cleaned", "default_ephemeral_device", "default_swap_device", "deleted",
        "deleted_at", "disable_terminate", "ephemeral_gb", "ephemeral_key_uuid", "id", "key_data", "launched_on",
        "locked", "memory_mb", "os_type", "reservation_id", "root_gb", "shutdown_terminate", "user_data", "vcpus",
        "vm_mode",
    };

    /// <summary>400 for an unknown or repeated sort key, a bad direction, or more directions than keys.</summary>
    public static void Validate(IQueryCollection query)
    {
        var keys = query["sort_key"];
        var dirs = query["sort_dir"];
        if (keys.Count > Keys.Count)
        {
            throw new InvalidException($"Invalid input for query parameters sort_key: at most {Keys.Count} sort keys, each once.");
        }
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i] ?? string.Empty;
            if (!Keys.Contains(key))
            {
                throw new InvalidException($"Invalid input for query parameters sort_key. Value: {Shorten(key)}. '{Shorten(key)}' is not one of the valid sort keys");
            }
            for (var j = 0; j < i; j++)
            {
                if (keys[j] == key)
                {
                    throw new InvalidException($"Invalid input for query parameters sort_key. Value: {key}. The sort key '{key}' is given more than once");
                }
            }
        }
        if (dirs.Count > Math.Max(keys.Count, 1))
        {
            throw new InvalidException("Invalid input for query parameters sort_dir: more sort directions than sort keys");
        }
        foreach (var dir in dirs)
        {
            if (dir is not ("asc" or "desc"))
            {
                throw new InvalidException($"Invalid input for query parameters sort_dir. Value: {Shorten(dir ?? string.Empty)}. Unknown sort direction, must be 'desc' or 'asc'");
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
