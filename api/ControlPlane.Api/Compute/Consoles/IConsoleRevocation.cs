namespace ControlPlane.Api.Compute.Consoles;

/// <summary>Revokes an instance's console tokens once an operation that ends its console was accepted.</summary>
public interface IConsoleRevocation
{
    /// <summary>Revokes the console tokens of <paramref name="instanceId"/>; <paramref name="reason"/> names the action (logged).
    /// Best effort: never fails the user's action.</summary>
    Task RevokeAfterAsync(Guid instanceId, string reason);
}
