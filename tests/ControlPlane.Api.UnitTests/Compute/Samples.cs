using ControlPlane.Api.Compute;
using ControlPlane.Data.Flavors;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.States;

namespace ControlPlane.Api.UnitTests.Compute;

/// <summary>Instances and flavors in the states the views must render.</summary>
public static class Samples
{
    public static readonly ComputeLinks Links = new("http://127.0.0.1:8774/compute");

    public static readonly DateTimeOffset Created = new(2026, 11, 26, 12, 0, 0, 123, TimeSpan.Zero);

    public static FlavorRecord Flavor(int swap = 0, string? description = null) =>
        new("1", "m1.tiny", 512, 1, 1, 0, swap, 1.0f, true, false, description, new Dictionary<string, string> { ["hw:cpu_policy"] = "shared" });

    public static InstanceRecord Building() => new()
    {
        Id = Guid.Parse("6f1c8b36-8cf1-4bd4-9a39-6b0b3b6c0a11"), InternalId = 42, ProjectId = "p1", UserId = "u1",
        DisplayName = "vm1", Hostname = "vm1", FlavorId = "1",
        FlavorJson = """{"id":"1","name":"m1.tiny","memory_mb":512,"vcpus":1,"root_gb":1,"ephemeral_gb":0,"swap_mb":0,"rxtx_factor":1.0,"extra_specs":{}}""",
        ImageRef = "11111111-1111-1111-1111-111111111111", VmState = VmState.Building, TaskState = TaskState.Scheduling,
        ReservationId = "r-0000abcd", MetadataJson = """{"k":"v"}""", CreatedAt = Created, UpdatedAt = Created,
    };

    public static InstanceRecord Active() => Building() with
    {
        VmState = VmState.Active, TaskState = null, PowerState = (int)PowerState.Running, Host = "host1", Node = "host1",
        LaunchedAt = Created.AddSeconds(5), UpdatedAt = Created.AddSeconds(5), Progress = 100, HostStatus = "UP",
        AccessIpV4 = "10.0.0.5", Tags = ["a", "b"], DisplayDescription = "described",
    };

    public static InstanceRecord Error() => Building() with
    {
        VmState = VmState.Error, TaskState = null,
        Fault = new InstanceFaultRecord(500, "No valid host was found.", "Traceback ...", Created.AddSeconds(3)),
    };

    public static IEnumerable<InstanceRecord> All() => [Building(), Active(), Error()];
}
