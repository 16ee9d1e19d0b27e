using ControlPlane.Domain.Errors;
using ControlPlane.Messaging.ConsoleAuth;

namespace ControlPlane.Api.Compute.Consoles;

/// <summary>
/// The hook every flow that ends an instance's console calls once the api has accepted it: delete and stop today;
/// resize/migrate confirm and revert, rescue and unrescue call it the same way (<c>RevokeAfterAsync(id, "rescue")</c>).
/// Revokes all the instance's tokens in consoleauth, which also closes its open consoles in every proxy.
/// Best effort: a consoleauth outage does not fail the user's action (logged); a token left behind is still refused by
/// <c>Check</c> as soon as the compute host no longer has the console, and expires with its TTL.
/// </summary>
public sealed class ConsoleRevocation(ConsoleAuthRpcClient consoleAuth, ILogger<ConsoleRevocation> logger)
{
    /// <summary>Revokes the console tokens of <paramref name="instanceId"/>; <paramref name="reason"/> names the action (logged).</summary>
    public async Task RevokeAfterAsync(Guid instanceId, string reason)
    {
        try
        {
            var count = await consoleAuth.RevokeForInstanceAsync(instanceId, reason, CancellationToken.None);
            ConsoleApiLog.Revoked(logger, instanceId, reason, count);
        }
        catch (ServiceUnavailableException e)
        {
            ConsoleApiLog.RevocationFailed(logger, e, instanceId, reason);
        }
    }
}
