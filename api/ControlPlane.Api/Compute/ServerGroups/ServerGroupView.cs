using System.Text.Json.Nodes;
using ControlPlane.Api.Microversions;
using ControlPlane.Data.ServerGroups;

namespace ControlPlane.Api.Compute.ServerGroups;

/// <summary>
/// Server group bodies per Nova's view (tempest's v2_1 / v2_13 / v2_64 server group schemas): <c>policies</c>
/// and an empty <c>metadata</c> before 2.64, <c>policy</c> and <c>rules</c> from 2.64, <c>project_id</c> and
/// <c>user_id</c> from 2.13.
/// </summary>
public static class ServerGroupView
{
    /// <summary>One group.</summary>
    public static JsonObject Group(ServerGroupRecord g, ApiVersion version)
    {
        var o = new JsonObject { ["id"] = g.Id.ToString("D"), ["name"] = g.Name };
        if (version >= ServerGroupRequest.PolicyVersion)
        {
            o["policy"] = g.Policy;
            o["rules"] = g.MaxServerPerHost is { } max ? new JsonObject { ["max_server_per_host"] = max } : new JsonObject();
        }
        else
        {
            o["policies"] = new JsonArray(g.Policy);
            o["metadata"] = new JsonObject();
        }
        o["members"] = new JsonArray([.. g.Members.Select(m => (JsonNode)m.ToString("D"))]);
        if (version.AtLeast(13))
        {
            o["project_id"] = g.ProjectId;
            o["user_id"] = g.UserId;
        }
        return o;
    }

    /// <summary>The show/create answer.</summary>
    public static JsonObject Detail(ServerGroupRecord g, ApiVersion version) => new() { ["server_group"] = Group(g, version) };

    /// <summary>The list answer.</summary>
    public static JsonObject List(IEnumerable<ServerGroupRecord> groups, ApiVersion version) =>
        new() { ["server_groups"] = new JsonArray([.. groups.Select(g => (JsonNode)Group(g, version))]) };
}
