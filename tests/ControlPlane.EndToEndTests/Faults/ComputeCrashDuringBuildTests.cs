using ControlPlane.EndToEndTests.Infrastructure;

namespace ControlPlane.EndToEndTests.Faults;

/// <summary>
/// <c>kill -9</c> of a compute host while it builds an instance: once the host's heartbeat is
/// older than service_down_time the conductor reschedules the build elsewhere (or errors it out);
/// the instance never stays in BUILD.
/// </summary>
[Trait("Category", "E2E")]
public sealed class ComputeCrashDuringBuildTests
{
    private readonly StackEnvironment stack = StackEnvironment.Load();

    [Fact]
    public async Task Killing_a_compute_mid_build_reschedules_or_errors_the_instance()
    {
        var db = new Database(stack);
        var host = "e2e-crash-" + Guid.NewGuid().ToString("N")[..6];
        // The biggest host by far, so the RAM weigher sends the next boot to it; spawns take 10 minutes.
        using var compute = ServiceProcess.Start(stack, "ControlPlane.Compute", host,
            "--urls", "http://127.0.0.1:0", "--Compute:Host=" + host, "--Compute:Driver=Fake",
            "--FakeDriver:MemoryMb=100000000", "--FakeDriver:Vcpus=100000", "--FakeDriver:DiskGb=100000000",
            "--FakeDriver:SpawnDelay=00:10:00");
        await Eventually.UntilAsync(
            async () => await db.ScalarAsync<long>("SELECT count(*) FROM compute_nodes WHERE host = @h", ("h", host)) == 1,
            $"{host} to report its capacity", TimeSpan.FromSeconds(90), Poll.Interval);

        using var admin = await ComputeClient.LoginAsync(stack, "admin", "admin");
        var (status, body, _) = await admin.SendAsync(HttpMethod.Post, "/compute/v2.1/servers",
            ServerRequests.Create("crash-" + host));
        Assert.Equal(202, status);
        var id = Guid.Parse(body!["server"]!["id"]!.GetValue<string>());
        try
        {
            await Eventually.UntilAsync(
                async () => await db.ScalarAsync<string>("SELECT task_state FROM instances WHERE id = @id AND host = @h", ("id", id), ("h", host)) == "spawning",
                "the build to start spawning on " + host, TimeSpan.FromSeconds(60), Poll.Interval);

            compute.KillHard();

            var server = await admin.WaitForServerStatusAsync(id.ToString(), TimeSpan.FromSeconds(240), "ACTIVE", "ERROR");
            var finalHost = await db.ScalarAsync<string>("SELECT host FROM instances WHERE id = @id", ("id", id));
            if (server["status"]!.GetValue<string>() == "ACTIVE")
            {
                Assert.NotEqual(host, finalHost);
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(server["fault"]?["message"]?.GetValue<string>()), "an ERROR instance carries a fault");
            }
        }
        finally
        {
            await admin.SendAsync(HttpMethod.Delete, "/compute/v2.1/servers/" + id);
            await admin.WaitForServerStatusAsync(id.ToString(), TimeSpan.FromSeconds(120), "DELETED");
        }
    }
}
