using ControlPlane.Domain.Errors;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Rpc;

namespace ControlPlane.Scheduler.UnitTests.Rpc;

public sealed class MessageValidationTests
{
    private static readonly RpcContext Context = new("req-test", "controlplane.rpc.v1.ServiceReport", "1.0", false);

    [Theory]
    [InlineData("")]
    [InlineData("not-a-uuid")]
    [InlineData("'; DROP TABLE instances; --")]
    public void A_bad_instance_id_is_an_invalid_message(string value)
    {
        var error = Assert.Throws<InvalidException>(() => MessageIds.Instance(value));
        Assert.Contains("instance_id", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("host with space")]
    [InlineData("host\nnewline")]
    public void A_bad_host_is_an_invalid_message(string value) =>
        Assert.Throws<InvalidException>(() => MessageIds.Host(value));

    [Fact]
    public async Task Handlers_reject_bad_input_before_touching_any_state()
    {
        // The managers are never reached: validation happens in the transport layer.
        var report = new ServiceReportHandler(null!);
        await Assert.ThrowsAsync<InvalidException>(() => report.HandleAsync(new ServiceReport { Host = "h1" }, Context, default));
        await Assert.ThrowsAsync<InvalidException>(() => report.HandleAsync(
            new ServiceReport { Host = "h1", Capacity = new ComputeCapacity { MemoryMb = -1 } }, Context, default));

        var failed = new BuildFailedHandler(null!);
        await Assert.ThrowsAsync<InvalidException>(() => failed.HandleAsync(new BuildFailed { InstanceId = Guid.NewGuid().ToString(), Host = "" }, Context, default));

        var build = new BuildInstanceHandler(null!);
        await Assert.ThrowsAsync<InvalidException>(() => build.HandleAsync(new BuildInstance(), Context, default));
    }

    [Fact]
    public void A_service_report_keeps_the_known_driver_features_once_each_and_drops_unknown_names()
    {
        var report = new ServiceReport { Host = "h1" };
        report.DriverFeatures.AddRange(["Snapshot", "Teleport", "Snapshot", "snapshot", "Rescue", "7"]);

        Assert.Equal(["Snapshot", "Rescue"], ServiceReportHandler.DriverFeatures(report));
        Assert.Empty(ServiceReportHandler.DriverFeatures(new ServiceReport { Host = "h1" }));
    }
}
