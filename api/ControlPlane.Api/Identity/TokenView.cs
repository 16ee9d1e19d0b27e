using System.Buffers.Text;
using System.Globalization;
using System.Text.Json.Nodes;
using ControlPlane.Api.Options;

namespace ControlPlane.Api.Identity;

/// <summary>Renders Keystone's token body (the fields the openstack CLI, novaclient, glanceclient and tempest read).</summary>
public static class TokenView
{
    /// <summary>Keystone's time format <c>%Y-%m-%dT%H:%M:%S.%fZ</c>.</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The <c>{"token": {...}}</c> body.</summary>
    public static JsonObject Render(IssuedToken token, ApiOptions api)
    {
        var domain = new JsonObject { ["id"] = IdentityService.DefaultDomainId, ["name"] = "Default" };
        var body = new JsonObject
        {
            ["methods"] = new JsonArray(token.Payload.Methods.Select(m => (JsonNode?)m).ToArray()),
            ["user"] = new JsonObject
            {
                ["id"] = token.User.Id, ["name"] = token.User.Name, ["domain"] = domain.DeepClone(), ["password_expires_at"] = null,
            },
            ["audit_ids"] = new JsonArray(Base64Url.EncodeToString(Convert.FromHexString(token.Payload.TokenId))),
            ["expires_at"] = Time(token.Payload.ExpiresAt),
            ["issued_at"] = Time(token.Payload.IssuedAt),
        };
        if (token.Project is { } project)
        {
            body["project"] = new JsonObject { ["id"] = project.Id, ["name"] = project.Name, ["domain"] = domain.DeepClone() };
            body["is_domain"] = false;
            body["roles"] = new JsonArray(token.Roles.Select(r => (JsonNode?)new JsonObject { ["id"] = r.Id, ["name"] = r.Name }).ToArray());
            body["catalog"] = Catalog(api);
        }
        return new JsonObject { ["token"] = body };
    }

    private static JsonArray Catalog(ApiOptions api) => new(
        Service("compute", "nova", api.ComputePublicUrl),
        Service("image", "glance", api.ImagePublicUrl),
        Service("identity", "keystone", api.IdentityPublicUrl));

    private static JsonObject Service(string type, string name, string url) => new()
    {
        ["type"] = type,
        ["name"] = name,
        ["id"] = "svc-" + type,
        ["endpoints"] = new JsonArray(new[] { "public", "internal", "admin" }.Select(i => (JsonNode?)new JsonObject
        {
            ["id"] = "ep-" + type + "-" + i,
            ["interface"] = i,
            ["region"] = "RegionOne",
            ["region_id"] = "RegionOne",
            ["url"] = url.TrimEnd('/'),
        }).ToArray()),
    };
}
