using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ControlPlane.ImageStore.IntegrationTests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace ControlPlane.ImageStore.IntegrationTests.Resilience;

/// <summary>
/// Dropped database connections under concurrent requests (issue 14 item 6): every request succeeds (after the
/// shared policy's retry) or gets 503 with <c>Retry-After</c> in Glance's body shape; never 500; nothing half-written.
/// The shared PostgreSQL is never restarted: a TCP proxy in front of it drops and refuses connections.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DatabaseDropTests(FaultyDatabaseFixture fixture, ITestOutputHelper output) : IClassFixture<FaultyDatabaseFixture>
{
    private const int Workers = 24;
    private const int RequestsPerWorker = 16;
    private const int DropEvery = 60;

    [Fact]
    public async Task Concurrent_creates_and_lists_across_dropped_connections_get_no_500_and_leave_nothing_half_written()
    {
        var project = ImageStoreFixture.NewProject();
        using var client = fixture.ClientFor(project);
        await client.CreateImageAsync("warm-up");
        var results = new ConcurrentBag<(string Method, HttpStatusCode Status, bool RetryAfter, string Body, string Name)>();
        var completed = 0;
        var drops = 0;

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < RequestsPerWorker; i++)
            {
                var name = $"drop-{w}-{i}";
                using var response = i % 2 == 0
                    ? await client.Http.PostAsync("v2/images", new StringContent(
                        $$"""{"name":"{{name}}","container_format":"bare","disk_format":"raw","tags":["t-{{w}}"],"color":"c-{{i}}"}""",
                        Encoding.UTF8, "application/json"))
                    : await client.Http.GetAsync($"v2/images?owner={project}&limit=5");
                results.Add((i % 2 == 0 ? "POST" : "GET", response.StatusCode, response.Headers.RetryAfter is not null,
                    await response.Content.ReadAsStringAsync(), name));
                if (Interlocked.Increment(ref completed) % DropEvery == 0)
                {
                    // What a PostgreSQL restart does to its clients: every connection reset, then refused for a moment.
                    fixture.Proxy.DropAll();
                    fixture.Proxy.RefuseFor(TimeSpan.FromMilliseconds(600));
                    Interlocked.Increment(ref drops);
                }
            }
        })));

        var byStatus = results.GroupBy(r => (r.Method, (int)r.Status)).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{results.Count} requests, {drops} drop rounds ({fixture.Proxy.Dropped} connections reset, {fixture.Proxy.Refused} refused): "
            + string.Join(", ", byStatus.OrderBy(p => p.Key).Select(p => $"{p.Key.Method} {p.Key.Item2}: {p.Value}")));
        Assert.True(drops >= 3 && fixture.Proxy.Dropped > 0 && fixture.Proxy.Refused > 0, "the faults happened");
        Assert.All(results, r =>
        {
            Assert.True(r.Status is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{r.Method} answered {(int)r.Status}: {r.Body}");
            if (r.Status == HttpStatusCode.ServiceUnavailable)
            {
                Assert.True(r.RetryAfter, "a 503 carries Retry-After");
                Assert.Equal(503, JsonNode.Parse(r.Body)!["serviceUnavailable"]!["code"]!.GetValue<int>());
            }
        });
        Assert.True(results.Count(r => r.Status is HttpStatusCode.OK or HttpStatusCode.Created) > results.Count / 2, "most requests succeed");

        // Nothing half-written: every acknowledged create is there, whole; an unacknowledged one is absent or whole, never twice.
        var rows = await RowsAsync(project);
        foreach (var created in results.Where(r => r.Status == HttpStatusCode.Created))
        {
            Assert.Contains(created.Name, rows.Keys);
        }
        foreach (var (name, row) in rows.Where(r => r.Key.StartsWith("drop-", StringComparison.Ordinal)))
        {
            Assert.Equal(1, row.Count);
            Assert.Equal("queued", row.Status);
            Assert.Equal("t-" + name.Split('-')[1], Assert.Single(row.Tags));
            Assert.Equal("c-" + name.Split('-')[2], row.Color);
        }
    }

    private async Task<Dictionary<string, (int Count, string Status, string[] Tags, string? Color)>> RowsAsync(string project)
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var cmd = dataSource.CreateCommand(
            "SELECT name, count(*), min(status), min(tags::text)::text[], min(properties->>'color') FROM images WHERE owner = @owner GROUP BY name");
        cmd.Parameters.AddWithValue("owner", project);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new Dictionary<string, (int, string, string[], string?)>();
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = ((int)reader.GetInt64(1), reader.GetString(2), reader.GetFieldValue<string[]>(3), reader.IsDBNull(4) ? null : reader.GetString(4));
        }
        return rows;
    }
}
