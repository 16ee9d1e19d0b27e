using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ControlPlane.Api.Microversions;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.States;

namespace ControlPlane.Api.Compute.Servers;

/// <summary>
/// Renders a server exactly as Nova's view builder does at a microversion and for a role (tempest
/// validates these bodies with <c>additionalProperties: false</c>): fields appear only from the
/// microversion that introduced them, <c>OS-EXT-SRV-ATTR:*</c> and <c>host_status</c> only for admins.
/// </summary>
public static class ServerView
{
    private static readonly HashSet<string> ProgressStatuses = ["ACTIVE", "BUILD", "REBUILD", "RESIZE", "VERIFY_RESIZE", "MIGRATING"];
    private static readonly HashSet<string> FaultStatuses = ["ERROR", "DELETED"];

    /// <summary>The <c>{id, name, links}</c> item of <c>GET /servers</c>.</summary>
    public static JsonObject Summary(InstanceRecord i, ComputeLinks links) => new()
    {
        ["id"] = i.Id.ToString("D"), ["name"] = i.DisplayName, ["links"] = links.SelfAndBookmark("servers", i.Id.ToString("D")),
    };

    /// <summary>The full server object for <paramref name="kind"/>.</summary>
    public static JsonObject Render(InstanceRecord i, ServerViewKind kind, ApiVersion version, bool admin, ComputeLinks links)
    {
        var id = i.Id.ToString("D");
        var status = ServerStatus.From(i.VmState, i.TaskState);
        var s = new JsonObject
        {
            ["id"] = id,
            ["name"] = i.DisplayName,
            ["status"] = status,
            ["tenant_id"] = i.ProjectId,
            ["user_id"] = i.UserId,
            ["metadata"] = JsonNode.Parse(i.MetadataJson),
            ["hostId"] = HostId(i.ProjectId, i.Host),
            ["image"] = new JsonObject { ["id"] = i.ImageRef, ["links"] = new JsonArray(links.Bookmark("images", i.ImageRef)) },
            ["flavor"] = Flavor(i, version, links),
            ["created"] = IsoTime(i.CreatedAt),
            ["updated"] = IsoTime(i.UpdatedAt),
            ["addresses"] = new JsonObject(),
            ["accessIPv4"] = i.AccessIpV4 ?? string.Empty,
            ["accessIPv6"] = i.AccessIpV6 ?? string.Empty,
            ["links"] = links.SelfAndBookmark("servers", id),
            ["OS-DCF:diskConfig"] = i.AutoDiskConfig ? "AUTO" : "MANUAL",
        };
        if (ProgressStatuses.Contains(status))
        {
            s["progress"] = i.Progress;
        }
        if (FaultStatuses.Contains(status) && i.Fault is { } fault)
        {
            // NOTE(api): non-admins get the message without host paths or hypervisor detail and never the details
            // (Nova shows details of non-500 faults; ours are driver exception types, hypervisor detail).
            var f = new JsonObject
            {
                ["code"] = fault.Code, ["created"] = IsoTime(fault.CreatedAt),
                ["message"] = admin ? fault.Message : FaultText.ForNonAdmin(fault.Message, i.Host),
            };
            if (!string.IsNullOrEmpty(fault.Details) && admin)
            {
                f["details"] = fault.Details;
            }
            s["fault"] = f;
        }
        var full = kind != ServerViewKind.Update || version.AtLeast(75);
        if (full)
        {
            AddExtended(s, i, version, admin);
        }
        if (version.AtLeast(9))
        {
            s["locked"] = i.Locked;
        }
        if (full && admin && version.AtLeast(16))
        {
            s["host_status"] = i.HostStatus;
        }
        if (version.AtLeast(19))
        {
            s["description"] = i.DisplayDescription;
        }
        if (version.AtLeast(26))
        {
            s["tags"] = new JsonArray(i.Tags.Select(t => (JsonNode?)t).ToArray());
        }
        if (version.AtLeast(63))
        {
            s["trusted_image_certificates"] = null;
        }
        if (version.AtLeast(71) && kind != ServerViewKind.Detail)
        {
            s["server_groups"] = new JsonArray();
        }
        if (version.AtLeast(73))
        {
            s["locked_reason"] = i.LockedReason;
        }
        return s;
    }

    /// <summary>Nova's <c>hostId</c>: sha224(project_id + host) in hex, or "" without host.</summary>
    public static string HostId(string projectId, string? host) =>
        string.IsNullOrEmpty(host) ? string.Empty : Convert.ToHexStringLower(Sha224.Hash(Encoding.UTF8.GetBytes(projectId + host)));

    /// <summary>Nova's <c>isotime</c>: <c>%Y-%m-%dT%H:%M:%SZ</c>.</summary>
    public static string IsoTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Nova's naive timestamps (launched_at, action times): <c>%Y-%m-%dT%H:%M:%S.%f</c>.</summary>
    public static string NaiveTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    private static void AddExtended(JsonObject s, InstanceRecord i, ApiVersion version, bool admin)
    {
        s["OS-EXT-AZ:availability_zone"] = i.Host is not null ? i.AvailabilityZone ?? "nova" : i.AvailabilityZone ?? string.Empty;
        s["config_drive"] = i.ConfigDrive;
        s["key_name"] = i.KeyName;
        s["OS-SRV-USG:launched_at"] = i.LaunchedAt is { } l ? NaiveTime(l) : null;
        s["OS-SRV-USG:terminated_at"] = i.TerminatedAt is { } t ? NaiveTime(t) : null;
        s["security_groups"] = new JsonArray(new JsonObject { ["name"] = "default" });
        s["OS-EXT-STS:task_state"] = i.TaskState;
        s["OS-EXT-STS:vm_state"] = i.VmState;
        s["OS-EXT-STS:power_state"] = i.PowerState;
        s["os-extended-volumes:volumes_attached"] = new JsonArray();
        if (admin)
        {
            s["OS-EXT-SRV-ATTR:host"] = i.Host;
            s["OS-EXT-SRV-ATTR:instance_name"] = i.InstanceName;
            s["OS-EXT-SRV-ATTR:hypervisor_hostname"] = i.Node ?? i.Host;
            if (version.AtLeast(3))
            {
                s["OS-EXT-SRV-ATTR:reservation_id"] = i.ReservationId;
                s["OS-EXT-SRV-ATTR:launch_index"] = i.LaunchIndex;
                s["OS-EXT-SRV-ATTR:kernel_id"] = string.Empty;
                s["OS-EXT-SRV-ATTR:ramdisk_id"] = string.Empty;
                s["OS-EXT-SRV-ATTR:root_device_name"] = null;
                s["OS-EXT-SRV-ATTR:user_data"] = i.UserData;
            }
        }
        if ((admin && version.AtLeast(3)) || version.AtLeast(90))
        {
            s["OS-EXT-SRV-ATTR:hostname"] = i.Hostname;
        }
    }

    private static JsonObject Flavor(InstanceRecord i, ApiVersion version, ComputeLinks links)
    {
        if (!version.AtLeast(47))
        {
            return new JsonObject { ["id"] = i.FlavorId, ["links"] = new JsonArray(links.Bookmark("flavors", i.FlavorId)) };
        }
        var f = Domain.Flavors.FlavorCopy.Parse(i.FlavorJson);
        return new JsonObject
        {
            ["vcpus"] = f.Vcpus, ["ram"] = f.MemoryMb, ["disk"] = f.RootGb, ["ephemeral"] = f.EphemeralGb, ["swap"] = f.SwapMb,
            ["original_name"] = f.Name, ["extra_specs"] = Flavors.FlavorView.ExtraSpecs(f.ExtraSpecs),
        };
    }
}
