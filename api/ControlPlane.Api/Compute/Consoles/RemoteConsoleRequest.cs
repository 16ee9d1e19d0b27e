using System.Text.Json;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.Consoles;

/// <summary>The body of <c>POST /servers/{id}/remote-consoles</c>, validated as Nova's schema does.</summary>
/// <param name="Protocol">vnc, spice, rdp, serial (mks from 2.8).</param>
/// <param name="Type">novnc, xvpvnc, rdp-html5, spice-html5, serial (webmks from 2.8).</param>
public sealed record RemoteConsoleRequest(string Protocol, string Type)
{
    private static readonly string[] Protocols = ["vnc", "spice", "rdp", "serial"];
    private static readonly string[] Types = ["novnc", "xvpvnc", "rdp-html5", "spice-html5", "serial"];

    /// <summary>Parses <c>{"remote_console": {"protocol": ..., "type": ...}}</c>; 400 naming the field otherwise.</summary>
    public static RemoteConsoleRequest Parse(JsonElement root, bool mks)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("remote_console", out var body) || body.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidException("Invalid input for field/attribute remote_console. Value: missing. 'remote_console' is a required property");
        }
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name is not ("protocol" or "type"))
            {
                throw new InvalidException($"Invalid input for field/attribute remote_console. Additional properties are not allowed ('{property.Name}' was unexpected)");
            }
        }
        var protocol = Enum(body, "protocol", mks ? [.. Protocols, "mks"] : Protocols);
        var type = Enum(body, "type", mks ? [.. Types, "webmks"] : Types);
        return new RemoteConsoleRequest(protocol, type);
    }

    private static string Enum(JsonElement body, string field, string[] allowed)
    {
        if (!body.TryGetProperty(field, out var value))
        {
            throw new InvalidException($"Invalid input for field/attribute remote_console. Value: {body.GetRawText()}. '{field}' is a required property");
        }
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        return value.ValueKind == JsonValueKind.String && allowed.Contains(text)
            ? text
            : throw new InvalidException($"Invalid input for field/attribute {field}. Value: {text}. '{text}' is not one of [{string.Join(", ", allowed.Select(a => $"'{a}'"))}]");
    }
}
