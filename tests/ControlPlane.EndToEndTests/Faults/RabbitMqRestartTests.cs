using ControlPlane.EndToEndTests.Infrastructure;

namespace ControlPlane.EndToEndTests.Faults;

/// <summary>
/// Restarting RabbitMQ while the stack is idle, then booting, works without restarting any
/// service: every service's connection recovers and resumes consuming its durable queues.
/// </summary>
[Trait("Category", "E2E")]
public sealed class RabbitMqRestartTests
{
    private readonly StackEnvironment stack = StackEnvironment.Load();

    [Fact]
    public async Task Boot_after_a_broker_restart_reaches_active()
    {
        // stop_app/start_app restarts the broker application inside its Erlang node: every
        // client connection is dropped, exactly what clients see when the broker restarts.
        (await ShellCommand.RunAsync(stack,
            "source deploy/lib/common.sh && source deploy/lib/rabbitmq.sh && rabbitmqctl_ -q stop_app && rabbitmqctl_ -q start_app && rabbitmqctl_ -q await_startup --timeout 60",
            TimeSpan.FromMinutes(2))).EnsureSuccess("rabbitmq restart");

        using var demo = await ComputeClient.LoginAsync(stack, "demo", "demo");
        var (status, body, _) = await demo.SendAsync(HttpMethod.Post, "/compute/v2.1/servers",
            ServerRequests.Create("after-restart-" + Guid.NewGuid().ToString("N")));
        Assert.True(status == 202, $"create after restart: {status} {body?.ToJsonString()}");
        var id = body!["server"]!["id"]!.GetValue<string>();
        try
        {
            var server = await demo.WaitForServerStatusAsync(id, TimeSpan.FromSeconds(120), "ACTIVE", "ERROR");
            Assert.Equal("ACTIVE", server["status"]!.GetValue<string>());
        }
        finally
        {
            await demo.SendAsync(HttpMethod.Delete, "/compute/v2.1/servers/" + id);
            await demo.WaitForServerStatusAsync(id, TimeSpan.FromSeconds(120), "DELETED");
        }
    }
}
