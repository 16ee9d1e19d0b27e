using System.Text.Json;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;

namespace ControlPlane.Api.UnitTests.Compute.Actions;

/// <summary>
/// A toy server action, <c>{"hum": {"loud": bool}}</c>, to show that adding an action takes one definition
/// and one <see cref="IServerAction"/> (and, on the compute side, a registration and a driver method).
/// Its "cast" is recorded here, or fails with 503 when <see cref="CastFails"/> is set.
/// </summary>
public sealed class ToyHumAction : IServerAction
{
    /// <summary>The definition: active, no task → humming → active; needs the Pause feature (any will do for a toy).</summary>
    public static readonly InstanceOperation Hum = new()
    {
        Name = "hum", AllowedVmStates = [VmState.Active], TaskStates = ["humming"], FinalVmState = VmState.Active,
        ActionName = "hum", EventName = "compute_hum_instance", NotificationPrefix = "instance.hum",
        RequiredFeature = DriverFeature.Pause, Policy = "project_member_or_admin",
    };

    /// <summary>Every context a cast was sent with.</summary>
    public List<ServerActionContext> Casts { get; } = [];

    /// <summary>When true, the cast throws <see cref="ServiceUnavailableException"/>.</summary>
    public bool CastFails { get; set; }

    /// <inheritdoc />
    public string Key => "hum";

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("loud", out var loud) || loud.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new InvalidException("Invalid input for field/attribute hum. 'loud' is a required boolean.");
        }
        return new CastCall(Hum, context =>
        {
            if (CastFails)
            {
                throw new ServiceUnavailableException("The message broker is unreachable.");
            }
            Casts.Add(context);
            return Task.CompletedTask;
        });
    }
}
