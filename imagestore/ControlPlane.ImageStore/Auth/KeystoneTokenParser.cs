using System.Globalization;
using System.Text.Json;
using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Images;

namespace ControlPlane.ImageStore.Auth;

/// <summary>Reads the body of Keystone's <c>GET /v3/auth/tokens</c> (token validation).</summary>
public static class KeystoneTokenParser
{
    /// <summary>Parses <paramref name="json"/>; 401 when the token is not project-scoped.</summary>
    public static ValidatedToken Parse(ReadOnlySpan<byte> json)
    {
        using var doc = JsonDocument.Parse(json.ToArray());
        if (!doc.RootElement.TryGetProperty("token", out var token) || token.ValueKind != JsonValueKind.Object)
        {
            throw new NotAuthenticatedException("Identity returned no token.");
        }
        var project = token.TryGetProperty("project", out var p) && p.ValueKind == JsonValueKind.Object ? StringOf(p, "id") : null;
        if (string.IsNullOrEmpty(project))
        {
            throw new NotAuthenticatedException("The token is not scoped to a project.");
        }
        var user = token.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.Object ? StringOf(u, "id") ?? "" : "";
        var roles = new HashSet<string>(StringComparer.Ordinal);
        if (token.TryGetProperty("roles", out var r) && r.ValueKind == JsonValueKind.Array)
        {
            foreach (var role in r.EnumerateArray())
            {
                if (role.ValueKind == JsonValueKind.Object && StringOf(role, "name") is { Length: > 0 } name)
                {
                    roles.Add(name.ToLowerInvariant());
                }
            }
        }
        var expires = StringOf(token, "expires_at") is { } e
            && DateTimeOffset.TryParse(e, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : DateTimeOffset.MaxValue;
        return new ValidatedToken(new ImageCaller(project, user, roles), expires);
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
