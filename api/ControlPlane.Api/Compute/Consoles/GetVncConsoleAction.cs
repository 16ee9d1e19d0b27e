using System.Text.Json;
using System.Text.Json.Nodes;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Microversions;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.Consoles;

/// <summary>
/// The <c>os-getVNCConsole</c> case of <c>POST /servers/{id}/action</c> (microversions 2.1-2.5; replaced by
/// <c>remote-consoles</c> from 2.6): body <c>{"os-getVNCConsole": {"type": "novnc"}}</c>, answer 200
/// <c>{"console": {"type": "novnc", "url": ...}}</c>.
/// </summary>
public static class GetVncConsoleAction
{
    /// <summary>The action key.</summary>
    public const string Name = "os-getVNCConsole";

    private static readonly ApiVersion LastVersion = new(2, 5);

    /// <summary>Parses the type (Nova's schema: novnc or xvpvnc, nothing else), asks <see cref="RemoteConsoleApi"/>, renders.</summary>
    public static async Task<IResult> HandleAsync(HttpContext ctx, string serverId, JsonElement value, RemoteConsoleApi api)
    {
        if (ctx.Microversion() > LastVersion)
        {
            throw new NotFoundException($"There is no such action: {Name}");
        }
        var type = ParseType(value);
        var url = await api.GetConsoleUrlAsync(ctx.Principal(), serverId, new RemoteConsoleRequest("vnc", type), ctx.RequestAborted);
        return Results.Json(new JsonObject { ["console"] = new JsonObject { ["type"] = type, ["url"] = url } });
    }

    private static string ParseType(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidException($"Invalid input for field/attribute {Name}. Value: {value.GetRawText()}. {value.GetRawText()} is not of type 'object'");
        }
        foreach (var property in value.EnumerateObject())
        {
            if (property.Name != "type")
            {
                throw new InvalidException($"Invalid input for field/attribute {Name}. Additional properties are not allowed ('{property.Name}' was unexpected)");
            }
        }
        if (!value.TryGetProperty("type", out var type))
        {
            throw new InvalidException($"Invalid input for field/attribute {Name}. Value: {value.GetRawText()}. 'type' is a required property");
        }
        var text = type.ValueKind == JsonValueKind.String ? type.GetString()! : type.GetRawText();
        return type.ValueKind == JsonValueKind.String && text is "novnc" or "xvpvnc"
            ? text
            : throw new InvalidException($"Invalid input for field/attribute type. Value: {text}. '{text}' is not one of ['novnc', 'xvpvnc']");
    }
}
