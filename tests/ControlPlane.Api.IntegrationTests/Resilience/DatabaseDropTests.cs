using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ControlPlane.Api.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ControlPlane.Api.IntegrationTests.Resilience;

/// <summary>
/// Dropped database connections under concurrent server creates and lists (issue 14 item 6): every request succeeds
/// (reads after the shared policy's retry) or gets 503 with <c>Retry-After</c> and Nova's body; never 500; no
/// server half-written. The shared PostgreSQL is never restarted: a TCP proxy in front of it drops connections.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DatabaseDropTests(FaultyDatabaseApiHost host, ITestOutputHelper output) : IClassFixture<FaultyDatabaseApiHost>
{
    private const int Workers = 16;
    private const int RequestsPerWorker = 12;
    private const int DropEvery = 40;

    [Fact]
    public async Task Concurrent_creates_and_lists_across_dropped_connections_get_no_500_and_leave_no_half_written_server()
    {
        // One project per worker: each stays under the default instance quota (10).
        var clients = new ApiClient[Workers];
        for (var w = 0; w < Workers; w++)
        {
            clients[w] = await host.NewTenantAsync();
        }
        await clients[0].CreateServerAsync("warm-up");
        var results = new ConcurrentBag<(string Method, int Status, bool RetryAfter, string Body)>();
        var completed = 0;
        var drops = 0;

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var client = clients[w];
            for (var i = 0; i < RequestsPerWorker; i++)
            {
                var create = i % 2 == 0;
                var (status, body, response) = create
                    ? await client.SendAsync(HttpMethod.Post, "/compute/v2.1/servers",
                        $$$"""{"server": {"name": "drop-{{{w}}}-{{{i}}}", "flavorRef": "1", "imageRef": "{{{ApiClient.ActiveImage}}}"}}""")
                    : await client.SendAsync(HttpMethod.Get, "/compute/v2.1/servers/detail?limit=5");
                results.Add((create ? "POST" : "GET", status, response.Headers.RetryAfter is not null, body?.ToJsonString() ?? ""));
                if (Interlocked.Increment(ref completed) % DropEvery == 0)
                {
                    host.Proxy.DropAll();
                    host.Proxy.RefuseFor(TimeSpan.FromMilliseconds(600));
                    Interlocked.Increment(ref drops);
                }
            }
        })));

        var byStatus = results.GroupBy(r => (r.Method, r.Status)).OrderBy(g => g.Key).Select(g => $"{g.Key.Method} {g.Key.Status}: {g.Count()}");
        output.WriteLine($"{results.Count} requests, {drops} drop rounds ({host.Proxy.Dropped} connections reset, {host.Proxy.Refused} refused): {string.Join(", ", byStatus)}");
        Assert.True(drops >= 3 && host.Proxy.Dropped > 0, "the faults happened");
        Assert.All(results, r =>
        {
            Assert.True(r.Status is 200 or 202 or 503, $"{r.Method} answered {r.Status}: {r.Body}");
            if (r.Status == 503)
            {
                Assert.True(r.RetryAfter, "a 503 carries Retry-After");
                Assert.Equal(503, JsonNode.Parse(r.Body)!["serviceUnavailable"]!["code"]!.GetValue<int>());
            }
        });
        Assert.True(results.Count(r => r.Status is 200 or 202) > results.Count / 2, "most requests succeed");

        // Nothing half-written: every instance row has its create action (written in one transaction), and every
        // accepted create is there (an unanswered one may be there too, whole).
        var projects = clients.Select(c => c.ProjectId).ToArray();
        var orphans = (long)(await host.ScalarAsync("""
            SELECT count(*) FROM instances i
            WHERE i.project_id = ANY(@p) AND NOT EXISTS (SELECT 1 FROM instance_actions a WHERE a.instance_id = i.id AND a.action = 'create')
            """, ("p", projects)))!;
        Assert.Equal(0, orphans);
        var rows = (long)(await host.ScalarAsync("SELECT count(*) FROM instances WHERE project_id = ANY(@p)", ("p", projects)))!;
        var accepted = results.Count(r => r.Status == 202) + 1;
        Assert.InRange(rows, accepted, accepted + results.Count(r => r.Method == "POST" && r.Status == 503));
    }
}
