using ControlPlane.Domain.Errors;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Protos.Scheduler.V1;
using ControlPlane.Scheduler.Grpc;

namespace ControlPlane.Scheduler.UnitTests.Grpc;

public sealed class SchedulerGrpcServiceTests
{
    // Validation happens before the scheduler is reached, so none is needed here.
    private readonly SchedulerGrpcService service = new(null!);

    private static SelectDestinationsRequest Valid() => new()
    {
        InstanceId = Guid.NewGuid().ToString(),
        Flavor = new FlavorSpec { Id = "1", Name = "m1.tiny", MemoryMb = 512, Vcpus = 1, RootGb = 1 },
        Count = 1,
    };

    [Fact]
    public async Task Rejects_a_bad_instance_id()
    {
        var request = Valid();
        request.InstanceId = "nope";
        var error = await Assert.ThrowsAsync<InvalidException>(() => service.SelectDestinations(request, null!));
        Assert.Contains("instance_id", error.Message);
    }

    [Fact]
    public async Task Rejects_a_missing_or_non_positive_flavor()
    {
        var request = Valid();
        request.Flavor = null;
        Assert.Contains("flavor", (await Assert.ThrowsAsync<InvalidException>(() => service.SelectDestinations(request, null!))).Message);
        request = Valid();
        request.Flavor.MemoryMb = 0;
        Assert.Contains("memory_mb", (await Assert.ThrowsAsync<InvalidException>(() => service.SelectDestinations(request, null!))).Message);
        request = Valid();
        request.Flavor.SwapMb = -1;
        await Assert.ThrowsAsync<InvalidException>(() => service.SelectDestinations(request, null!));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public async Task Rejects_unsupported_counts(int count)
    {
        var request = Valid();
        request.Count = count;
        Assert.Contains("count", (await Assert.ThrowsAsync<InvalidException>(() => service.SelectDestinations(request, null!))).Message);
    }
}
