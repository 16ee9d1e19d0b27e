using System.Text.Json;

namespace ControlPlane.Api.Compute.Servers;

/// <summary>
/// The <c>os:scheduler_hints</c> object of a create body (Nova's schema: an object whose other hints are
/// accepted and ignored here); <c>group</c> names the server group to join and must be a uuid.
/// </summary>
public static class SchedulerHints
{
    /// <summary>The <c>group</c> hint, or null when absent.</summary>
    public static Guid? Group(JsonElement hints, string field)
    {
        if (hints.ValueKind != JsonValueKind.Object)
        {
            throw BodyFields.Invalid(field, hints, $"{BodyFields.Shorten(hints.GetRawText())} is not of type 'object'");
        }
        if (!hints.TryGetProperty("group", out var group))
        {
            return null;
        }
        var s = BodyFields.String(group, "group", 1, 255);
        return Guid.TryParse(s, out var id) ? id : throw BodyFields.Invalid("group", group, $"'{BodyFields.Shorten(s)}' is not a 'uuid'");
    }
}
