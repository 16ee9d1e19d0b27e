using System.Text.Json;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Compute.Rpc;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.Compute.Power;

/// <summary>
/// <c>reboot</c> (<c>{"type": "SOFT"|"HARD"}</c>; Nova's schema also allows Soft/soft, Hard/hard):
/// <see cref="InstanceOperations.Reboot"/> or <see cref="InstanceOperations.RebootHard"/>, cast <c>reboot_instance</c>.
/// </summary>
public sealed class RebootAction(ComputeRpcClient compute) : IServerAction
{
    /// <summary>The action key.</summary>
    public const string Name = "reboot";

    /// <inheritdoc />
    public string Key => Name;

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value)
    {
        var hard = ParseRebootType(value);
        return new CastCall(hard ? InstanceOperations.RebootHard : InstanceOperations.Reboot,
            c => compute.RebootInstanceAsync(c.Host, new RebootInstance { Instance = c.Spec(), Hard = hard }, CancellationToken.None));
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

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
