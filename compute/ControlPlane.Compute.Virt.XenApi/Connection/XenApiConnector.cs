using ControlPlane.Compute.Virt.XenApi.Options;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;

namespace ControlPlane.Compute.Virt.XenApi.Connection;

/// <summary>Logs in and resolves the host (<c>session.get_this_host</c>) and the SR (by name-label, else the pool's default SR).</summary>
public static class XenApiConnector
{
    /// <summary>Connects with <paramref name="options"/>; throws <see cref="InvalidOperationException"/> when no usable SR exists.</summary>
    public static async Task<XenApiHost> ConnectAsync(XenApiDriverOptions options, HttpClient http, TimeProvider clock, CancellationToken ct)
    {
        var session = new XenApiSession(new XenApiConnectionOptions
        {
            Url = options.Url,
            Username = options.Username,
            Password = options.Password,
            Protocol = options.Protocol,
            TaskPollInterval = options.TaskPollInterval,
            Originator = "ControlPlane.Compute",
        }, http, clock);
        try
        {
            await session.LoginAsync(ct).ConfigureAwait(false);
            var host = await session.HostApi.GetThisHostAsync(ct).ConfigureAwait(false);
            var hostRecord = await session.HostApi.GetRecordAsync(host, ct).ConfigureAwait(false);
            var sr = await FindSrAsync(session, options.SrNameLabel, ct).ConfigureAwait(false);
            return new XenApiHost(session, host, sr, string.IsNullOrEmpty(hostRecord.Hostname) ? hostRecord.NameLabel : hostRecord.Hostname);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<SrRef> FindSrAsync(XenApiSession session, string nameLabel, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(nameLabel))
        {
            var named = await session.Sr.GetByNameLabelAsync(nameLabel, ct).ConfigureAwait(false);
            return named.Count switch
            {
                1 => named[0],
                0 => throw new InvalidOperationException($"XenApi:SrNameLabel '{nameLabel}' names no SR"),
                _ => throw new InvalidOperationException($"XenApi:SrNameLabel '{nameLabel}' names {named.Count} SRs"),
            };
        }

        foreach (var pool in await session.Pool.GetAllAsync(ct).ConfigureAwait(false))
        {
            var sr = await session.Pool.GetDefaultSrAsync(pool, ct).ConfigureAwait(false);
            if (!sr.IsNull)
            {
                return sr;
            }
        }

        throw new InvalidOperationException("the pool has no default SR; set XenApi:SrNameLabel");
    }
}
