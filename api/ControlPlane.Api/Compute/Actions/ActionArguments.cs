using System.Text.Json;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.Actions;

/// <summary>Checks shared by the actions whose value carries no arguments.</summary>
public static class ActionArguments
{
    /// <summary>400 unless <paramref name="value"/> is null or an empty object (Nova's <c>os-stop</c> / <c>os-start</c> schema).</summary>
    public static void EnsureNone(string action, JsonElement value)
    {
        if (value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Object) ||
            (value.ValueKind == JsonValueKind.Object && value.EnumerateObject().Any()))
        {
            throw new InvalidException($"Invalid input for field/attribute {action}. Value: must be null.");
        }
    }
}
