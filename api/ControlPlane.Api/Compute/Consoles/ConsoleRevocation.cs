using ControlPlane.Domain.Errors;
using ControlPlane.Messaging.ConsoleAuth;

namespace ControlPlane.Api.Compute.Consoles;

/// <summary>
/// The hook every flow that ends an instance's console calls once the api has accepted it: the action runner for every
/// operation whose definition says <c>RevokesConsoles</c> (stop, rescue, unrescue, resize confirm and revert), and delete.
/// Revokes all the instance's tokens in consoleauth, which also closes its open consoles in every proxy.
/// Best effort: a consoleauth outage does not fail the user's action (logged); a token left behind is still refused by
/// <c>Check</c> as soon as the compute host no longer has the console, and expires with its TTL.
/// </summary>
public sealed class ConsoleRevocation(ConsoleAuthRpcClient consoleAuth, ILogger<ConsoleRevocation> logger) : IConsoleRevocation
{
    /// <inheritdoc />
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
