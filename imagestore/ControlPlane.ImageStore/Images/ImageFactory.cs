using System.Text.Json;
using ControlPlane.Domain.Errors;

namespace ControlPlane.ImageStore.Images;

/// <summary>Builds a new <see cref="Image"/> from a create request body (Glance v2 <c>POST /v2/images</c>).</summary>
public static class ImageFactory
{
    /// <summary>A queued image owned by the caller's project, with the body's attributes applied.</summary>
    public static Image Create(JsonElement body, ImageCaller caller, DateTimeOffset now)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidException("The request body must be a JSON object.");
        }
        var id = Guid.NewGuid();
        if (body.TryGetProperty("id", out var idValue))
        {
            id = idValue.ValueKind == JsonValueKind.String && Guid.TryParseExact(idValue.GetString(), "D", out var parsed)
                ? parsed
                : throw new InvalidException($"Invalid id {idValue.GetRawText()}: must be a UUID.");
        }

        var image = new Image
        {
            Id = id,
            Status = ImageStatus.Queued,
            Visibility = ImageVisibility.Shared,
            Owner = caller.ProjectId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name != "id")
            {
                ImageAttributeSetter.Set(image, property.Name, property.Value, caller);
            }
        }
        return image;
    }
}
