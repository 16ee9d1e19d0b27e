using System.Net.Sockets;
using System.Text.Json;
using ControlPlane.Api.Microversions;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.Servers;

/// <summary>Validates a <c>PUT /servers/{id}</c> body at the request's microversion.</summary>
public static class UpdateServerParser
{
    /// <summary>Parses the body root.</summary>
    public static InstanceUserUpdate Parse(JsonElement root, ApiVersion version)
    {
        var server = BodyFields.RootObject(root, "server");
        var allowed = new HashSet<string> { "name", "accessIPv4", "accessIPv6", "OS-DCF:diskConfig" };
        if (version.AtLeast(19))
        {
            allowed.Add("description");
        }
        if (version.AtLeast(90))
        {
            allowed.Add("hostname");
        }
        BodyFields.RejectUnknown(server, "server", allowed);
        var update = new InstanceUserUpdate();
        foreach (var p in server.EnumerateObject())
        {
            update = p.Name switch
            {
                "name" => update with { Name = BodyFields.Name(p.Value, "name") },
                "description" => update with { SetDescription = true, Description = p.Value.ValueKind == JsonValueKind.Null ? null : BodyFields.Description(p.Value, "description") },
                "accessIPv4" => update with { SetAccessIpV4 = true, AccessIpV4 = p.Value.ValueKind == JsonValueKind.Null ? null : BodyFields.Ip(p.Value, "accessIPv4", AddressFamily.InterNetwork) },
                "accessIPv6" => update with { SetAccessIpV6 = true, AccessIpV6 = p.Value.ValueKind == JsonValueKind.Null ? null : BodyFields.Ip(p.Value, "accessIPv6", AddressFamily.InterNetworkV6) },
                "OS-DCF:diskConfig" => update with { AutoDiskConfig = DiskConfig(p.Value) },
                "hostname" => throw new InvalidException("Changing the hostname is not supported."),
                _ => update,
            };
        }
        return update;
    }

    private static bool DiskConfig(JsonElement v)
    {
        var s = BodyFields.String(v, "OS-DCF:diskConfig", 1, 10);
        return s is "AUTO" or "MANUAL" ? s == "AUTO" : throw BodyFields.Invalid("OS-DCF:diskConfig", v, $"'{s}' is not one of ['AUTO', 'MANUAL']");
    }
}
