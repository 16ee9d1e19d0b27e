using System.Net;
using ControlPlane.Api.Diagnostics;
using ControlPlane.Api.Options;
using ControlPlane.Domain.Errors;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Identity;

/// <summary>
/// Throttles failed password logins, per user name and per source address. Policy (see
/// <see cref="IdentityOptions"/>): a window opens at the first failure and lasts
/// <see cref="IdentityOptions.LoginFailureWindow"/>; once a user name has
/// <see cref="IdentityOptions.LoginFailuresPerUser"/> failures in it, or an address
/// <see cref="IdentityOptions.LoginFailuresPerSource"/>, every password login for that name or from
/// that address is answered 429 with <c>Retry-After</c> (the rest of the window) before the password
/// is even checked. Unknown and real user names are counted alike. A success clears its user's
/// count, never its address's. State is per api process, in memory, bounded by
/// <see cref="IdentityOptions.LoginThrottleMaxTracked"/>; time comes from <see cref="TimeProvider"/>.
/// The source is the TCP peer: behind a proxy it is the proxy, so keep the per-source limit generous there.
/// </summary>
public sealed class LoginThrottle(IOptions<IdentityOptions> options, TimeProvider timeProvider, ILogger<LoginThrottle> logger)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Window> users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Window> sources = new(StringComparer.Ordinal);
    private DateTimeOffset nextPrune = DateTimeOffset.MinValue;

    /// <summary>429 when <paramref name="user"/> or <paramref name="source"/> is over its limit in the current window.</summary>
    public void EnsureAllowed(string user, IPAddress? source)
    {
        var o = options.Value;
        var now = timeProvider.GetUtcNow();
        var sourceKey = Key(source);
        lock (gate)
        {
            if (Blocked(users, user, o.LoginFailuresPerUser, now) is { } userWait)
            {
                ApiLog.LoginThrottled(logger, "user", user, userWait);
                throw new TooManyRequestsException("Too many failed logins for this user; try again later.", userWait);
            }
            if (sourceKey is not null && Blocked(sources, sourceKey, o.LoginFailuresPerSource, now) is { } sourceWait)
            {
                ApiLog.LoginThrottled(logger, "source", sourceKey, sourceWait);
                throw new TooManyRequestsException("Too many failed logins from this address; try again later.", sourceWait);
            }
        }
    }

    /// <summary>Counts a failed login for <paramref name="user"/> and <paramref name="source"/>.</summary>
    public void RecordFailure(string user, IPAddress? source)
    {
        var now = timeProvider.GetUtcNow();
        var sourceKey = Key(source);
        lock (gate)
        {
            Count(users, user, now);
            if (sourceKey is not null)
            {
                Count(sources, sourceKey, now);
            }
        }
    }

    /// <summary>Clears the failures of <paramref name="user"/> after a successful login.</summary>
    public void RecordSuccess(string user)
    {
        lock (gate)
        {
            users.Remove(user);
        }
    }

    private TimeSpan? Blocked(Dictionary<string, Window> map, string key, int limit, DateTimeOffset now)
    {
        if (!map.TryGetValue(key, out var window))
        {
            return null;
        }
        var end = window.Start + options.Value.LoginFailureWindow;
        if (now >= end)
        {
            map.Remove(key);
            return null;
        }
        return window.Failures >= limit ? end - now : null;
    }

    private void Count(Dictionary<string, Window> map, string key, DateTimeOffset now)
    {
        var length = options.Value.LoginFailureWindow;
        if (map.TryGetValue(key, out var window) && now < window.Start + length)
        {
            map[key] = window with { Failures = window.Failures + 1 };
            return;
        }
        if (!map.ContainsKey(key) && users.Count + sources.Count >= options.Value.LoginThrottleMaxTracked)
        {
            Prune(now, length);
            if (users.Count + sources.Count >= options.Value.LoginThrottleMaxTracked)
            {
                ApiLog.LoginThrottleFull(logger, options.Value.LoginThrottleMaxTracked);
                return;
            }
        }
        map[key] = new Window(now, 1);
    }

    private void Prune(DateTimeOffset now, TimeSpan length)
    {
        // NOTE(textauth): at most ten sweeps per window, so a full table under attack does not make
        // every failed login walk it.
        if (now < nextPrune)
        {
            return;
        }
        nextPrune = now + length / 10;
        foreach (var map in new[] { users, sources })
        {
            foreach (var (key, window) in map.ToList())
            {
                if (now >= window.Start + length)
                {
                    map.Remove(key);
                }
            }
        }
    }

    private static string? Key(IPAddress? source) =>
        source is null ? null : (source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source).ToString();

    private sealed record Window(DateTimeOffset Start, int Failures);
}
