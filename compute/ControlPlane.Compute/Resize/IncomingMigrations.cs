using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ControlPlane.Compute.Virt.Contract;

namespace ControlPlane.Compute.Resize;

/// <summary>
/// The destination's prepared migrations: prep_resize registers the migration's one-time token and the instance with
/// its new flavor; the disk receiver accepts a stream only with that token (compared in constant time) until the
/// migration finishes, is aborted, or <see cref="ResizeOptions.IncomingTimeout"/> passes. In memory: a restarted
/// compute accepts no disk for a migration prepared before (the source's transfer fails and rolls back).
/// </summary>
public sealed class IncomingMigrations(TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    /// <summary>Accepts disks of <paramref name="migrationId"/> carrying <paramref name="token"/> until <paramref name="expires"/>.</summary>
    public void Register(Guid migrationId, string token, VirtInstance instance, DateTimeOffset expires)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        _entries[migrationId] = new Entry(Encoding.UTF8.GetBytes(token), instance, expires);
    }

    /// <summary>The instance of an accepted migration, or null when the id is unknown, expired or the token wrong.</summary>
    public VirtInstance? Authorize(Guid migrationId, string token)
    {
        if (!_entries.TryGetValue(migrationId, out var entry) || entry.Expires < clock.GetUtcNow())
        {
            return null;
        }
        return CryptographicOperations.FixedTimeEquals(entry.Token, Encoding.UTF8.GetBytes(token ?? string.Empty)) ? entry.Instance : null;
    }

    /// <summary>Stops accepting disks of <paramref name="migrationId"/>.</summary>
    public void Remove(Guid migrationId) => _entries.TryRemove(migrationId, out _);

    private sealed record Entry(byte[] Token, VirtInstance Instance, DateTimeOffset Expires);
}
