using ControlPlane.ConsoleAuth.IntegrationTests.Infrastructure;
using ControlPlane.ConsoleAuth.Tokens;
using ControlPlane.Domain.Errors;
using StackExchange.Redis;

namespace ControlPlane.ConsoleAuth.IntegrationTests;

/// <summary>consoleauth against the real Redis and RabbitMQ: hashing, sharing between replicas, TTL, revocation, restarts.</summary>
public sealed class ConsoleTokenTests : IAsyncLifetime
{
    private readonly string _prefix = "cit-" + Guid.NewGuid().ToString("N")[..10] + ":";
    private readonly string _channel = "cit-revocations-" + Guid.NewGuid().ToString("N")[..10];
    private FakeComputeHost _compute = null!;

    public async Task InitializeAsync() => _compute = await FakeComputeHost.StartAsync();

    public async Task DisposeAsync()
    {
        await _compute.DisposeAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis);
        foreach (var key in redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: _prefix + "*"))
        {
            await redis.GetDatabase().KeyDeleteAsync(key);
        }
    }

    [Fact]
    public async Task Redis_holds_only_hashes_of_the_tokens()
    {
        await using var host = await ConsoleAuthHost.StartAsync(_prefix, _channel);
        using var client = ConsoleAuthHost.Client(host);
        var tokens = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = Guid.NewGuid();
            _compute.Run(id, "vm-" + i);
            var reply = await client.AuthorizeAsync(_compute.AuthorizeRequest(id));
            tokens.Add(reply.Token);
            Assert.EndsWith("?path=" + Uri.EscapeDataString("?token=" + reply.Token), reply.AccessUrl, StringComparison.Ordinal);
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis);
        var db = redis.GetDatabase();
        var keys = redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: _prefix + "*").ToList();
        Assert.Equal(6, keys.Count); // three token records, three instance indexes
        foreach (var key in keys)
        {
            var value = await db.KeyTypeAsync(key) == RedisType.Set
                ? string.Join(",", await db.SetMembersAsync(key))
                : (string?)await db.StringGetAsync(key) ?? "";
            foreach (var token in tokens)
            {
                Assert.DoesNotContain(token, key.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain(token, value, StringComparison.Ordinal);
            }
        }
        foreach (var token in tokens)
        {
            Assert.Contains(keys, k => k.ToString() == _prefix + "token:" + TokenHash.Of(token));
            Assert.True(await db.KeyTimeToLiveAsync(_prefix + "token:" + TokenHash.Of(token)) is { } ttl && ttl > TimeSpan.FromMinutes(9));
        }
    }

    [Fact]
    public async Task Two_replicas_answer_for_each_others_tokens_and_a_restart_loses_none()
    {
        var id = Guid.NewGuid();
        _compute.Run(id, "vm-shared");
        var a = await ConsoleAuthHost.StartAsync(_prefix, _channel);
        await using var b = await ConsoleAuthHost.StartAsync(_prefix, _channel);
        using var onA = ConsoleAuthHost.Client(a);
        using var onB = ConsoleAuthHost.Client(b);
        var token = (await onA.AuthorizeAsync(_compute.AuthorizeRequest(id))).Token;

        var record = await onB.CheckAsync(token);
        Assert.Equal(id.ToString("D"), record.InstanceId);
        Assert.Equal(_compute.Consoles.Port, record.Endpoint.Port);

        await a.DisposeAsync();
        await using var restarted = await ConsoleAuthHost.StartAsync(_prefix, _channel);
        using var onRestarted = ConsoleAuthHost.Client(restarted);
        Assert.Equal(id.ToString("D"), (await onRestarted.CheckAsync(token)).InstanceId);
    }

    [Fact]
    public async Task A_token_expires_after_the_configured_ttl()
    {
        await using var host = await ConsoleAuthHost.StartAsync(_prefix, _channel, ttl: TimeSpan.FromSeconds(1));
        using var client = ConsoleAuthHost.Client(host);
        var id = Guid.NewGuid();
        _compute.Run(id, "vm-ttl");
        var token = (await client.AuthorizeAsync(_compute.AuthorizeRequest(id))).Token;

        await Eventually.UntilAsync(async () =>
        {
            try
            {
                await client.CheckAsync(token);
                return false;
            }
            catch (NotFoundException)
            {
                return true;
            }
        }, "the token expired", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Revoking_an_instance_removes_all_its_tokens_and_only_its_tokens()
    {
        await using var host = await ConsoleAuthHost.StartAsync(_prefix, _channel);
        using var client = ConsoleAuthHost.Client(host);
        var (id, other) = (Guid.NewGuid(), Guid.NewGuid());
        _compute.Run(id, "vm-revoked");
        _compute.Run(other, "vm-kept");
        var first = (await client.AuthorizeAsync(_compute.AuthorizeRequest(id))).Token;
        var second = (await client.AuthorizeAsync(_compute.AuthorizeRequest(id))).Token;
        var kept = (await client.AuthorizeAsync(_compute.AuthorizeRequest(other))).Token;

        Assert.Equal(2, await client.RevokeForInstanceAsync(id, "delete"));

        await Assert.ThrowsAsync<NotFoundException>(() => client.CheckAsync(first));
        await Assert.ThrowsAsync<NotFoundException>(() => client.CheckAsync(second));
        Assert.Equal(other.ToString("D"), (await client.CheckAsync(kept)).InstanceId);
    }

    [Fact]
    public async Task Check_refuses_a_token_whose_console_the_compute_host_no_longer_has()
    {
        await using var host = await ConsoleAuthHost.StartAsync(_prefix, _channel);
        using var client = ConsoleAuthHost.Client(host);
        var id = Guid.NewGuid();
        _compute.Run(id, "vm-stopped");
        var token = (await client.AuthorizeAsync(_compute.AuthorizeRequest(id))).Token;
        await client.CheckAsync(token);

        _compute.Stop(id);

        await Assert.ThrowsAsync<NotFoundException>(() => client.CheckAsync(token));
        Assert.True(_compute.Validations >= 2);
    }

    [Fact]
    public async Task Authorize_refuses_bad_requests_and_unknown_tokens_are_not_found()
    {
        await using var host = await ConsoleAuthHost.StartAsync(_prefix, _channel);
        using var client = ConsoleAuthHost.Client(host);
        var request = _compute.AuthorizeRequest(Guid.NewGuid());
        request.ConsoleType = "spice-html5";
        var e = await Assert.ThrowsAsync<InvalidException>(() => client.AuthorizeAsync(request));
        Assert.Contains("spice-html5", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<NotFoundException>(() => client.CheckAsync("no-such-token"));
        await Assert.ThrowsAsync<NotFoundException>(() => client.CheckAsync(""));
    }
}
