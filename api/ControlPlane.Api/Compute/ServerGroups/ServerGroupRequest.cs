using System.Text.Json;
using ControlPlane.Api.Compute.Servers;
using ControlPlane.Api.Microversions;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.ServerGroups;

namespace ControlPlane.Api.Compute.ServerGroups;

/// <summary>
/// A parsed <c>POST /os-server-groups</c> body, validated as Nova's schemas do: before 2.64
/// <c>{"server_group": {"name", "policies": [one policy]}}</c>; from 2.64 <c>{"name", "policy", "rules"?}</c>
/// with <c>rules.max_server_per_host</c> for anti-affinity only. The soft policies exist from 2.15.
/// </summary>
/// <param name="Name">Group name.</param>
/// <param name="Policy">The one policy.</param>
/// <param name="MaxServerPerHost">The anti-affinity rule, or null.</param>
public sealed record ServerGroupRequest(string Name, string Policy, int? MaxServerPerHost)
{
    /// <summary>The microversion that replaced <c>policies</c> by <c>policy</c> and <c>rules</c>.</summary>
    public static readonly ApiVersion PolicyVersion = new(2, 64);

    /// <summary>Parses and validates the body at <paramref name="version"/>.</summary>
    public static ServerGroupRequest Parse(JsonElement root, ApiVersion version)
    {
        var group = BodyFields.RootObject(root, "server_group");
        BodyFields.RejectUnknown(root, "body", new HashSet<string> { "server_group" });
        var single = version >= PolicyVersion;
        BodyFields.RejectUnknown(group, "server_group", single ? new HashSet<string> { "name", "policy", "rules" } : new HashSet<string> { "name", "policies" });
        var allowed = version.AtLeast(15) ? ServerGroupPolicies.All : ServerGroupPolicies.Hard;
        var policyField = single ? "policy" : "policies";
        if (!group.TryGetProperty("name", out var nameValue))
        {
            throw BodyFields.Invalid("server_group", group, "'name' is a required property");
        }
        if (!group.TryGetProperty(policyField, out var policyValue))
        {
            throw BodyFields.Invalid("server_group", group, $"'{policyField}' is a required property");
        }
        var name = BodyFields.Name(nameValue, "name");
        var policy = single ? OnePolicy(policyValue, "policy", allowed) : Policies(policyValue, allowed);
        int? max = null;
        if (single && group.TryGetProperty("rules", out var rules))
        {
            max = Rules(rules, policy);
        }
        return new ServerGroupRequest(name, policy, max);
    }

    private static string Policies(JsonElement v, IReadOnlyList<string> allowed)
    {
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw BodyFields.Invalid("policies", v, $"{BodyFields.Shorten(v.GetRawText())} is not of type 'array'");
        }
        var items = v.EnumerateArray().ToList();
        if (items.Count == 0)
        {
            throw BodyFields.Invalid("policies", v, "[] is too short");
        }
        if (items.Count > 1)
        {
            throw BodyFields.Invalid("policies", v, $"{BodyFields.Shorten(v.GetRawText())} is too long");
        }
        return OnePolicy(items[0], "0", allowed);
    }

    private static string OnePolicy(JsonElement v, string field, IReadOnlyList<string> allowed)
    {
        var s = v.ValueKind == JsonValueKind.String ? v.GetString()! : null;
        return s is not null && allowed.Contains(s)
            ? s
            : throw BodyFields.Invalid(field, v, $"{(s is null ? BodyFields.Shorten(v.GetRawText()) : "'" + BodyFields.Shorten(s) + "'")} is not one of [{string.Join(", ", allowed.Select(p => "'" + p + "'"))}]");
    }

    private static int? Rules(JsonElement rules, string policy)
    {
        if (rules.ValueKind != JsonValueKind.Object)
        {
            throw BodyFields.Invalid("rules", rules, $"{BodyFields.Shorten(rules.GetRawText())} is not of type 'object'");
        }
        BodyFields.RejectUnknown(rules, "rules", new HashSet<string> { "max_server_per_host" });
        if (!rules.TryGetProperty("max_server_per_host", out var max))
        {
            return null;
        }
        var value = BodyFields.PositiveInteger(max, "max_server_per_host");
        return policy == ServerGroupPolicies.AntiAffinity ? value : throw new InvalidException("Only anti-affinity policy supports rules.");
    }
}
