using System.Text.Json;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Identity;

/// <summary>The parsed <c>{"auth": {"identity": ..., "scope": ...}}</c> body of a token request.</summary>
public sealed record AuthRequest
{
    public required string Method { get; init; }
    public string? UserId { get; init; }
    public string? UserName { get; init; }
    public string? UserDomainId { get; init; }
    public string? UserDomainName { get; init; }
    public string? Password { get; init; }
    public string? Token { get; init; }
    public bool HasScope { get; init; }
    public string? ProjectId { get; init; }
    public string? ProjectName { get; init; }
    public string? ProjectDomainId { get; init; }
    public string? ProjectDomainName { get; init; }

    /// <summary>Parses the body; 400 naming what is missing or of the wrong type.</summary>
    public static AuthRequest Parse(JsonElement body)
    {
        var auth = Object(body, "auth", "auth");
        var identity = Object(auth, "identity", "auth.identity");
        if (!identity.TryGetProperty("methods", out var methods) || methods.ValueKind != JsonValueKind.Array || methods.GetArrayLength() == 0)
        {
            throw Bad("methods", "auth.identity");
        }
        var names = methods.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString()! : throw Bad("methods", "auth.identity")).ToArray();
        var method = names.Contains("password") ? "password" : names.Contains("token") ? "token" : throw new NotAuthenticatedException("Attempted to authenticate with an unsupported method.");
        var request = method == "password" ? ParsePassword(identity) : ParseToken(identity);
        if (auth.TryGetProperty("scope", out var scope) && scope.ValueKind == JsonValueKind.Object)
        {
            if (!scope.TryGetProperty("project", out var project) || project.ValueKind != JsonValueKind.Object)
            {
                throw new NotAuthenticatedException("Only project scope is supported.");
            }
            var (pid, pname, did, dname) = NameOrId(project, "auth.scope.project");
            request = request with { HasScope = true, ProjectId = pid, ProjectName = pname, ProjectDomainId = did, ProjectDomainName = dname };
        }
        return request;
    }

    private static AuthRequest ParsePassword(JsonElement identity)
    {
        var password = Object(identity, "password", "auth.identity");
        var user = Object(password, "user", "auth.identity.password");
        var secret = String(user, "password", "auth.identity.password.user") ?? throw Bad("password", "auth.identity.password.user");
        var (id, name, did, dname) = NameOrId(user, "auth.identity.password.user");
        return new AuthRequest { Method = "password", UserId = id, UserName = name, UserDomainId = did, UserDomainName = dname, Password = secret };
    }

    private static AuthRequest ParseToken(JsonElement identity)
    {
        var token = Object(identity, "token", "auth.identity");
        return new AuthRequest { Method = "token", Token = String(token, "id", "auth.identity.token") ?? throw Bad("id", "auth.identity.token") };
    }

    private static (string? Id, string? Name, string? DomainId, string? DomainName) NameOrId(JsonElement e, string where)
    {
        var id = String(e, "id", where);
        if (id is not null)
        {
            return (id, null, null, null);
        }
        var name = String(e, "name", where) ?? throw Bad("id or name", where);
        var domain = Object(e, "domain", where);
        var did = String(domain, "id", where + ".domain");
        var dname = String(domain, "name", where + ".domain");
        return did is null && dname is null ? throw Bad("id or name", where + ".domain") : (id, name, did, dname);
    }

    private static JsonElement Object(JsonElement e, string name, string where) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : throw Bad(name, where);

    private static string? String(JsonElement e, string name, string where)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new InvalidException($"Invalid input for field '{where}.{name}': a string is required.");
    }

    private static InvalidException Bad(string name, string where) =>
        new($"Expecting to find {name} in {where}. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.");
}
