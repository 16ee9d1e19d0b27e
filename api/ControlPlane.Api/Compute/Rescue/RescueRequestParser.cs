using System.Text.Json;
using ControlPlane.Api.Compute.Servers;

namespace ControlPlane.Api.Compute.Rescue;

/// <summary>
/// Validates the value of a <c>rescue</c> action as Nova's schema does: <c>null</c>, or an object with an optional
/// <c>adminPass</c> (string) and an optional <c>rescue_image_ref</c> (a uuid), no other member.
/// </summary>
public static class RescueRequestParser
{
    private static readonly HashSet<string> Allowed = ["adminPass", "rescue_image_ref"];

    /// <summary>Parses the value of the <c>rescue</c> key; 400 naming the field on bad input.</summary>
    public static RescueRequest Parse(JsonElement action)
    {
        if (action.ValueKind == JsonValueKind.Null)
        {
            return new RescueRequest(null, null);
        }

        if (action.ValueKind != JsonValueKind.Object)
        {
            throw BodyFields.Invalid("rescue", action, $"{action.GetRawText()} is not of type 'object', 'null'");
        }

        BodyFields.RejectUnknown(action, "rescue", Allowed);
        string? adminPass = null;
        Guid? image = null;
        if (action.TryGetProperty("adminPass", out var pass))
        {
            adminPass = BodyFields.String(pass, "adminPass", 0, 255);
        }

        if (action.TryGetProperty("rescue_image_ref", out var imageRef))
        {
            var text = BodyFields.String(imageRef, "rescue_image_ref", 0, 255);
            image = Guid.TryParse(text, out var id) ? id : throw BodyFields.Invalid("rescue_image_ref", imageRef, $"'{text}' is not a 'uuid'");
        }

        return new RescueRequest(adminPass, image);
    }
}
