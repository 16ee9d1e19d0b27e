using ControlPlane.Api.Identity;
using ControlPlane.Data.Instances;

namespace ControlPlane.Api.Compute.Servers;

/// <summary>Applies a user's update (name, description, access IPs) to a server.</summary>
public sealed class ServerUpdater(ServerReader servers, InstanceWriter writer, TimeProvider timeProvider)
{
    /// <summary>Applies <paramref name="update"/> and returns the updated server.</summary>
    public async Task<InstanceRecord> UpdateAsync(RequestPrincipal principal, string id, InstanceUserUpdate update, CancellationToken cancellationToken)
    {
        var instance = await servers.GetAsync(principal, id, cancellationToken);
        await writer.UpdateAsync(instance.Id, update, timeProvider.GetUtcNow(), cancellationToken);
        return await servers.GetAsync(principal, id, cancellationToken);
    }
}
