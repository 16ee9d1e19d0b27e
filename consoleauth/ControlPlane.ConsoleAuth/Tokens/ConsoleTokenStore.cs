using System.Text.Json;
using ControlPlane.ConsoleAuth.Options;
using ControlPlane.Domain.Errors;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ControlPlane.ConsoleAuth.Tokens;

/// <summary>
/// Console token records in Redis, shared by every consoleauth replica: <c>&lt;prefix&gt;token:&lt;sha256&gt;</c> holds the
/// JSON record with the token's TTL, <c>&lt;prefix&gt;instance:&lt;uuid&gt;</c> is the set of the instance's token hashes
/// (expiring with its newest token). The clear token is never written. Redis failures are
/// <see cref="ServiceUnavailableException"/>s.
/// </summary>
public sealed class ConsoleTokenStore(IConnectionMultiplexer redis, IOptions<ConsoleAuthOptions> options)
{
    private readonly ConsoleAuthOptions _options = options.Value;

    /// <summary>
    /// Stores <paramref name="record"/> under <paramref name="tokenHash"/> for <paramref name="ttl"/> and indexes it under its
    /// instance. False when the hash is already taken (the caller mints another token), nothing written then.
    /// </summary>
    public async Task<bool> TryAddAsync(string tokenHash, ConsoleTokenRecord record, TimeSpan ttl)
    {
        var tokenKey = TokenKey(tokenHash);
        var instanceKey = InstanceKey(record.InstanceId);
        var transaction = Database().CreateTransaction();
        transaction.AddCondition(Condition.KeyNotExists(tokenKey));
        _ = transaction.StringSetAsync(tokenKey, JsonSerializer.Serialize(record), ttl);
        _ = transaction.SetAddAsync(instanceKey, tokenHash);
        _ = transaction.KeyExpireAsync(instanceKey, ttl);
        return await GuardAsync(() => transaction.ExecuteAsync());
    }

    /// <summary>The record stored under <paramref name="tokenHash"/>, or null when there is none (unknown, expired or revoked).</summary>
    public async Task<ConsoleTokenRecord?> FindAsync(string tokenHash)
    {
        var value = await GuardAsync(() => Database().StringGetAsync(TokenKey(tokenHash)));
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<ConsoleTokenRecord>(value.ToString());
    }

    /// <summary>Deletes every token of the instance and its index; returns how many tokens were still there.</summary>
    public async Task<long> RemoveInstanceAsync(Guid instanceId)
    {
        var db = Database();
        var instanceKey = InstanceKey(instanceId);
        var hashes = await GuardAsync(() => db.SetMembersAsync(instanceKey));
        var removed = hashes.Length == 0 ? 0 : await GuardAsync(() => db.KeyDeleteAsync([.. hashes.Select(h => TokenKey(h.ToString()))]));
        await GuardAsync(() => db.KeyDeleteAsync(instanceKey));
        return removed;
    }

    /// <summary>Announces a revocation on <see cref="ConsoleAuthOptions.RevocationChannel"/> (message: the instance uuid).</summary>
    public Task PublishRevocationAsync(Guid instanceId) =>
        GuardAsync(() => redis.GetSubscriber().PublishAsync(RedisChannel.Literal(_options.RevocationChannel), instanceId.ToString("D")));

    private IDatabase Database() => redis.GetDatabase();

    private RedisKey TokenKey(string tokenHash) => _options.KeyPrefix + "token:" + tokenHash;

    private RedisKey InstanceKey(Guid instanceId) => _options.KeyPrefix + "instance:" + instanceId.ToString("D");

    private static async Task<T> GuardAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException or RedisServerException)
        {
            throw new ServiceUnavailableException("The console token store (Redis) is unavailable: " + e.Message, e);
        }
    }
}
