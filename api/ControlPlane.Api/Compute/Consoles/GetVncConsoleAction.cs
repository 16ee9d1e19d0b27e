using System.Text.Json;
using System.Text.Json.Nodes;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Microversions;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.Consoles;

/// <summary>
/// <c>os-getVNCConsole</c> of <c>POST /servers/{id}/action</c> (microversions 2.1-2.5; <c>remote-consoles</c> from 2.6):
/// body <c>{"os-getVNCConsole": {"type": "novnc"}}</c>, answer 200 <c>{"console": {"type": "novnc", "url": ...}}</c>.
/// </summary>
public sealed class GetVncConsoleAction(RemoteConsoleApi consoles, IHttpContextAccessor http) : IServerAction
{
    /// <summary>The action key.</summary>
    public const string Name = "os-getVNCConsole";

    private static readonly ApiVersion LastVersion = new(2, 5);

    /// <inheritdoc />
    public string Key => Name;

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value)
    {
        if (http.HttpContext is { } ctx && ctx.Microversion() > LastVersion)
        {
            throw new NotFoundException($"There is no such action: {Name}");
        }
        return consoles.NewCall(new RemoteConsoleRequest("vnc", ParseType(value)));
    }

    /// <inheritdoc />
    public IResult Respond(HttpContext context, ServerActionCall call)
    {
        var console = (VncConsoleCall)call;
        return Results.Json(new JsonObject { ["console"] = new JsonObject { ["type"] = console.Request.Type, ["url"] = console.Url } });
    }

    /// <summary>Nova's schema: an object with exactly <c>type</c>, novnc or xvpvnc.</summary>
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
