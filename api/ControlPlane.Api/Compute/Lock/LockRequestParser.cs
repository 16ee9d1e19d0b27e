using System.Text.Json;
using ControlPlane.Api.Microversions;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.Lock;

/// <summary>
/// The value of the <c>lock</c> action (Nova's <c>lock_server</c> schemas): before 2.73 any value, ignored; from 2.73
/// <c>null</c> or an object whose only property is an optional <c>locked_reason</c> of 1-255 characters.
/// </summary>
public static class LockRequestParser
{
    /// <summary>Microversion from which a lock may carry <c>locked_reason</c>.</summary>
    public const int ReasonMicroversion = 73;

    /// <summary>Longest lock reason (Nova's schema, 2.73).</summary>
    public const int MaxReasonLength = 255;

    /// <summary>The lock reason, or null; <see cref="InvalidException"/> (400) for a value the 2.73 schema refuses.</summary>
    public static string? Parse(JsonElement value, ApiVersion version)
    {
        if (!version.AtLeast(ReasonMicroversion) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidException($"Invalid input for field/attribute lock. Value: {Shorten(value.GetRawText())}. {Shorten(value.GetRawText())} is not of type 'object', 'null'");
        }

        string? reason = null;
        foreach (var property in value.EnumerateObject())
        {
            if (property.Name != "locked_reason")
            {
                throw new InvalidException($"Invalid input for field/attribute lock. Additional properties are not allowed ('{Shorten(property.Name)}' was unexpected)");
            }

            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw new InvalidException($"Invalid input for field/attribute locked_reason. Value: {Shorten(property.Value.GetRawText())}. It is not of type 'string'");
            }

            reason = property.Value.GetString()!;
            if (reason.Length is 0 or > MaxReasonLength)
            {
                throw new InvalidException($"Invalid input for field/attribute locked_reason. Value: {Shorten(reason)}. It must be 1 to {MaxReasonLength} characters long");
            }
        }

        return reason;
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
