using System.Text.Json;
using ControlPlane.Api.Identity;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.Power;

/// <summary>
/// The <c>os-stop</c>, <c>os-start</c> and <c>reboot</c> cases of <c>POST /servers/{id}/action</c>: parse,
/// call <see cref="PowerApi"/>, answer 202 with an empty body (Nova).
/// </summary>
public static class PowerActions
{
    /// <summary>The stop action key.</summary>
    public const string Stop = "os-stop";

    /// <summary>The start action key.</summary>
    public const string Start = "os-start";

    /// <summary>The reboot action key.</summary>
    public const string Reboot = "reboot";

    /// <summary>os-stop: value null (or an empty object).</summary>
    public static async Task<IResult> StopAsync(HttpContext ctx, string serverId, JsonElement value, PowerApi api)
    {
        EnsureNoArguments(Stop, value);
        await api.StopAsync(ctx.Principal(), serverId, ctx.RequestAborted);
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    /// <summary>os-start: value null (or an empty object).</summary>
    public static async Task<IResult> StartAsync(HttpContext ctx, string serverId, JsonElement value, PowerApi api)
    {
        EnsureNoArguments(Start, value);
        await api.StartAsync(ctx.Principal(), serverId, ctx.RequestAborted);
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    /// <summary>reboot: <c>{"type": "SOFT"|"HARD"}</c> (Nova's schema also allows Soft/soft, Hard/hard).</summary>
    public static async Task<IResult> RebootAsync(HttpContext ctx, string serverId, JsonElement value, PowerApi api)
    {
        await api.RebootAsync(ctx.Principal(), serverId, ParseRebootType(value), ctx.RequestAborted);
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    /// <summary>True for a hard reboot; 400 for anything but an object with exactly a valid <c>type</c>.</summary>
    public static bool ParseRebootType(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidException("Invalid input for field/attribute reboot. Value: must be an object with 'type' SOFT or HARD.");
        }
        string? type = null;
        foreach (var property in value.EnumerateObject())
        {
            if (property.Name != "type")
            {
                throw new InvalidException($"Invalid input for field/attribute reboot. Additional properties are not allowed ('{Shorten(property.Name)}' was unexpected)");
            }
            type = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
        }
        return type switch
        {
            "HARD" or "Hard" or "hard" => true,
            "SOFT" or "Soft" or "soft" => false,
            null => throw new InvalidException("Invalid input for field/attribute reboot. 'type' is a required property"),
            _ => throw new InvalidException($"Invalid input for field/attribute type. Value: {Shorten(type)}. It is not one of SOFT, HARD."),
        };
    }

    private static void EnsureNoArguments(string action, JsonElement value)
    {
        if (value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Object) ||
            (value.ValueKind == JsonValueKind.Object && value.EnumerateObject().Any()))
        {
            throw new InvalidException($"Invalid input for field/attribute {action}. Value: must be null.");
        }
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
