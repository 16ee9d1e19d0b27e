using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ControlPlane.EndToEndTests.Infrastructure;
using Npgsql;

namespace ControlPlane.EndToEndTests.Servers;

/// <summary>
/// Many concurrent boots against all running schedulers and computes: while they run, the
/// capacity each compute host reports (compute_nodes, written only from compute reports) never
/// exceeds its total times the allocation ratios, and every instance ends ACTIVE or ERROR with
/// "No valid host".
/// </summary>
[Trait("Category", "E2E")]
public sealed class ConcurrentBootCapacityTests
{
    private const double RamAllocationRatio = 1.5;
    private const double CpuAllocationRatio = 16;
    private static readonly TimeSpan SamplePeriod = TimeSpan.FromMilliseconds(100);
    private readonly StackEnvironment stack = StackEnvironment.Load();

    [Fact]
    public async Task Concurrent_boots_never_overcommit_a_host()
    {
        // m1.xlarge (16 GiB, 8 vCPU, 160 GB) so that capacity runs out: a default FakeDriver host
        // (32 GiB x 1.5, 1 TB) takes three, so the test stack's ten hosts take about thirty of the 500.
        var count = int.TryParse(Environment.GetEnvironmentVariable("CP_E2E_CONCURRENT_BOOTS"), out var n) ? n : 500;
        using var admin = await ComputeClient.LoginAsync(stack, "admin", "admin");
        await new Database(stack).SetUnlimitedQuotaAsync(admin.ProjectId);
        var prefix = "cap-" + Guid.NewGuid().ToString("N")[..6] + "-";
        var violations = new ConcurrentQueue<string>();
        using var stopSampling = new CancellationTokenSource();
        var sampler = SampleReportsAsync(violations, stopSampling.Token);

        var ids = new ConcurrentBag<string>();
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var (status, body, _) = await admin.SendAsync(HttpMethod.Post, "/compute/v2.1/servers",
                    ServerRequests.Create(prefix + i, flavorRef: "5"));
                Assert.True(status == 202, $"create {i}: {status} {body?.ToJsonString()}");
                ids.Add(body!["server"]!["id"]!.GetValue<string>());
            }
            finally
            {
                gate.Release();
            }
        }));

        try
        {
            var outcomes = new List<JsonNode>();
            foreach (var id in ids)
            {
                outcomes.Add(await admin.WaitForServerStatusAsync(id, TimeSpan.FromMinutes(5), "ACTIVE", "ERROR"));
            }
            foreach (var server in outcomes.Where(s => s["status"]!.GetValue<string>() == "ERROR"))
            {
                Assert.Contains("No valid host", server["fault"]?["message"]?.GetValue<string>() ?? "(no fault)");
            }
            Assert.Contains(outcomes, s => s["status"]!.GetValue<string>() == "ACTIVE");
        }
        finally
        {
            await stopSampling.CancelAsync();
            await sampler;
            foreach (var id in ids)
            {
                await admin.SendAsync(HttpMethod.Delete, "/compute/v2.1/servers/" + id);
            }
            foreach (var id in ids)
            {
                await admin.WaitForServerStatusAsync(id, TimeSpan.FromMinutes(2), "DELETED");
            }
        }
        Assert.True(violations.IsEmpty, "over capacity: " + string.Join("; ", violations.Take(10)));
    }

    private async Task SampleReportsAsync(ConcurrentQueue<string> violations, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(stack.ControlPlaneConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        while (!cancellationToken.IsCancellationRequested)
        {
            await using (var cmd = new NpgsqlCommand(
                "SELECT host, memory_mb, memory_mb_used, vcpus, vcpus_used, local_gb, local_gb_used FROM compute_nodes", connection))
            await using (var reader = await cmd.ExecuteReaderAsync(CancellationToken.None))
            {
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    var host = reader.GetString(0);
                    if (reader.GetInt64(2) > reader.GetInt64(1) * RamAllocationRatio)
                    {
                        violations.Enqueue($"{host} RAM {reader.GetInt64(2)}/{reader.GetInt64(1)}");
                    }
                    if (reader.GetInt32(4) > reader.GetInt32(3) * CpuAllocationRatio)
                    {
                        violations.Enqueue($"{host} vCPU {reader.GetInt32(4)}/{reader.GetInt32(3)}");
                    }
                    if (reader.GetInt64(6) > reader.GetInt64(5))
                    {
                        violations.Enqueue($"{host} disk {reader.GetInt64(6)}/{reader.GetInt64(5)}");
                    }
                }
            }
            try
            {
                await Task.Delay(SamplePeriod, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
