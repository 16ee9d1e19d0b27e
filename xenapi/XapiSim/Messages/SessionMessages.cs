using ControlPlane.XenApi.Errors;
using Microsoft.Extensions.Options;
using XapiSim.Dispatch;
using XapiSim.Options;
using XapiSim.State;

namespace XapiSim.Messages;

/// <summary><c>session.login_with_password(uname, pwd, version="1.1", originator="")</c> and <c>session.logout</c>;
/// field getters (get_this_host, ...) are generic.</summary>
public sealed class SessionMessages(IOptions<SimOptions> options) : ISimMessageSet
{
    private const int MaxSessionsPerOriginator = 500;
    private static readonly TimeSpan SessionIdleLimit = TimeSpan.FromHours(24);

    public IEnumerable<SimMessage> Messages =>
    [
        new("session.login_with_password", 2, 4, Login) { NeedsSession = false, AsyncAllowed = false, Mutates = false },
        new("session.logout", 0, 0, Logout) { AsyncAllowed = false, Mutates = false },
        new("session.get_is_local_superuser", 1, 1, _ => true) { AsyncAllowed = false, Mutates = false },
        new("session.get_rbac_permissions", 1, 1, _ => new List<string>()) { AsyncAllowed = false, Mutates = false },
    ];

    private object? Login(SimCall c)
    {
        var o = options.Value;
        if (!string.IsNullOrEmpty(o.PoolMasterAddress))
        {
            throw new XenApiFailure(XenApiErrorCodes.HostIsSlave, [o.PoolMasterAddress]);
        }

        var user = c.Str(0);
        if (!string.Equals(user, o.Username, StringComparison.Ordinal) || !string.Equals(c.Str(1), o.Password, StringComparison.Ordinal))
        {
            throw new XenApiFailure(XenApiErrorCodes.SessionAuthenticationFailed, [user, "Authentication failure"]);
        }

        PruneSessions(c.Db, c.Has(3) ? c.Str(3) : "");
        var session = new SessionObject
        {
            Ref = SimIds.NewRef(),
            Uuid = SimIds.NewUuid(),
            Username = user,
            Originator = c.Has(3) ? c.Str(3) : "",
            ThisHost = c.Db.Host.Ref,
            LastActive = c.Db.Clock.GetUtcNow().UtcDateTime,
        };
        c.Db.Sessions.Add(session);
        return session.Ref;
    }

    /// <summary>Like XAPI: sessions idle for a day expire, and an originator keeps at most 500 (oldest dropped).</summary>
    private static void PruneSessions(SimDatabase db, string originator)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        foreach (var stale in db.Sessions.All.Where(s => now - s.LastActive > SessionIdleLimit).ToList())
        {
            db.Sessions.Remove(stale.Ref);
        }

        var same = db.Sessions.All.Where(s => s.Originator == originator).OrderBy(s => s.LastActive).ToList();
        foreach (var old in same.Take(Math.Max(0, same.Count - (MaxSessionsPerOriginator - 1))))
        {
            db.Sessions.Remove(old.Ref);
        }
    }

    private static object? Logout(SimCall c)
    {
        c.Db.Sessions.Remove(c.Session!.Ref);
        return "";
    }
}
