using System.Net;
using System.Text;
using System.Text.Json;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.Images;
using ControlPlane.Api.Compute.Shelve;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Policy;
using ControlPlane.Api.UnitTests.Compute.Actions;
using ControlPlane.Compute.Rpc;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Logging.Abstractions;

namespace ControlPlane.Api.UnitTests.Compute.Shelve;

/// <summary>shelve, shelveOffload and unshelve on the action runner: Nova's states and rules, their image and casts.</summary>
public sealed class ShelveActionTests
{
    private static readonly RequestPrincipal Member = new("u1", "p1", ["member", "reader"], "token");
    private static readonly RequestPrincipal Admin = new("admin", "admin", ["admin", "member", "reader"], "token");
    private static readonly JsonElement Null = JsonDocument.Parse("null").RootElement;

    [Theory]
    [InlineData(VmState.Active)]
    [InlineData(VmState.Stopped)]
    [InlineData(VmState.Paused)]
    [InlineData(VmState.Suspended)]
    public async Task Shelve_creates_the_shelved_image_sets_shelving_and_casts_shelve_instance(string vmState)
    {
        var rpc = new RecordingRpcClient();
        var images = new StubImageService();
        var action = new ShelveAction(images.Client(), new ComputeRpcClient(rpc), NullLogger<ShelveAction>.Instance);
        var store = new RecordingActionStore(ServerActionRunnerTests.Instance(vmState));

        await ServerActionRunnerTests.Runner(store).RunAsync(Member, ServerActionRunnerTests.ServerId, action.Parse(Null), default);

        var created = JsonDocument.Parse(Assert.Single(images.Created)).RootElement;
        Assert.Equal("vm1-shelved", created.GetProperty("name").GetString());
        Assert.Equal("snapshot", created.GetProperty("image_type").GetString());
        var begun = Assert.Single(store.Begun);
        Assert.Equal((TaskState.Shelving, "shelve"), (begun.TaskState, begun.Action));
        var (topic, cast) = Assert.Single(rpc.Casts);
        Assert.Equal("compute.host1", topic);
        var shelve = Assert.IsType<ShelveInstance>(cast);
        Assert.Equal((StubImageService.ImageId, TaskState.Shelving), (shelve.ImageId, shelve.Instance.TaskState));
    }

    [Fact]
    public async Task Shelve_of_a_shelved_server_is_novas_409_and_creates_no_image()
    {
        var rpc = new RecordingRpcClient();
        var images = new StubImageService();
        var action = new ShelveAction(images.Client(), new ComputeRpcClient(rpc), NullLogger<ShelveAction>.Instance);
        var store = new RecordingActionStore(ServerActionRunnerTests.Instance(VmState.Shelved));

        var e = await Assert.ThrowsAsync<ConflictException>(() =>
            ServerActionRunnerTests.Runner(store).RunAsync(Member, ServerActionRunnerTests.ServerId, action.Parse(Null), default));

        Assert.Equal($"Cannot 'shelve' instance {ServerActionRunnerTests.ServerId} while it is in vm_state shelved", e.Message);
        Assert.Empty(images.Created);
        Assert.True(store.NothingWritten);
    }

    [Fact]
    public async Task A_lost_compare_and_set_deletes_the_shelved_image_again()
    {
        var images = new StubImageService();
        var action = new ShelveAction(images.Client(), new ComputeRpcClient(new RecordingRpcClient()), NullLogger<ShelveAction>.Instance);
        var store = new RecordingActionStore(ServerActionRunnerTests.Instance()) { LoseCompareAndSetTo = TaskState.Pausing };

        await Assert.ThrowsAsync<ConflictException>(() =>
            ServerActionRunnerTests.Runner(store).RunAsync(Member, ServerActionRunnerTests.ServerId, action.Parse(Null), default));

        Assert.Equal([StubImageService.ImageId], images.Deleted);
    }

    [Fact]
    public async Task Unshelve_of_an_offloaded_server_needs_no_host_and_casts_schedule_unshelve_to_the_conductor()
    {
        var rpc = new RecordingRpcClient();
        var action = new UnshelveAction(new ConductorRpcClient(rpc), Policy(), NullLogger<UnshelveAction>.Instance);
        var store = new RecordingActionStore(ServerActionRunnerTests.Instance(VmState.ShelvedOffloaded, host: null));

        await ServerActionRunnerTests.Runner(store).RunAsync(Member, ServerActionRunnerTests.ServerId, action.Parse(Null), default);

        Assert.Equal((TaskState.Unshelving, "unshelve"), (Assert.Single(store.Begun).TaskState, store.Begun[0].Action));
        var (topic, cast) = Assert.Single(rpc.Casts);
        Assert.Equal("conductor", topic);
        var message = Assert.IsType<ScheduleUnshelve>(cast);
        Assert.Equal((ServerActionRunnerTests.ServerId, "", ""), (message.InstanceId, message.Host, message.AvailabilityZone));
    }

    [Fact]
    public async Task Unshelve_to_a_host_is_for_admins_and_only_for_an_offloaded_server()
    {
        var rpc = new RecordingRpcClient();
        var action = new UnshelveAction(new ConductorRpcClient(rpc), Policy(), NullLogger<UnshelveAction>.Instance);
        var toHost = JsonDocument.Parse("""{"host": "host2"}""").RootElement;
        var offloaded = new RecordingActionStore(ServerActionRunnerTests.Instance(VmState.ShelvedOffloaded, host: null));

        await Assert.ThrowsAsync<ForbiddenException>(() => ServerActionRunnerTests.Runner(offloaded)
            .RunAsync(Member, ServerActionRunnerTests.ServerId, action.Parse(toHost, new(2, 91)), default));
        Assert.True(offloaded.NothingWritten);

        var shelved = new RecordingActionStore(ServerActionRunnerTests.Instance(VmState.Shelved));
        await Assert.ThrowsAsync<ConflictException>(() => ServerActionRunnerTests.Runner(shelved)
            .RunAsync(Admin, ServerActionRunnerTests.ServerId, action.Parse(toHost, new(2, 91)), default));
        Assert.True(shelved.NothingWritten);

        await ServerActionRunnerTests.Runner(offloaded).RunAsync(Admin, ServerActionRunnerTests.ServerId, action.Parse(toHost, new(2, 91)), default);
        Assert.Equal("host2", Assert.IsType<ScheduleUnshelve>(Assert.Single(rpc.Casts).Message).Host);
    }

    [Fact]
    public async Task Unshelve_of_an_active_server_is_novas_409()
    {
        var action = new UnshelveAction(new ConductorRpcClient(new RecordingRpcClient()), Policy(), NullLogger<UnshelveAction>.Instance);
        var store = new RecordingActionStore(ServerActionRunnerTests.Instance(VmState.Active));

        var e = await Assert.ThrowsAsync<ConflictException>(() =>
            ServerActionRunnerTests.Runner(store).RunAsync(Member, ServerActionRunnerTests.ServerId, action.Parse(Null), default));

        Assert.Equal($"Cannot 'unshelve' instance {ServerActionRunnerTests.ServerId} while it is in vm_state active", e.Message);
    }

    private static IComputePolicy Policy() => new RuleBasedComputePolicy(PolicyRuleSet.Defaults());

    /// <summary>The image service as shelve needs it: creates answer a fixed id, deletes are recorded, the base image is unknown.</summary>
    private sealed class StubImageService : HttpMessageHandler
    {
        public const string ImageId = "11111111-2222-4333-8444-555555555555";

        public List<string> Created { get; } = [];

        public List<string> Deleted { get; } = [];

        public ImageServiceClient Client() =>
            new(new HttpClient(this) { BaseAddress = new Uri("http://images.test/") }, NullLogger<ImageServiceClient>.Instance);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post)
            {
                Created.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
                return new HttpResponseMessage(HttpStatusCode.Created)
                {
                    Content = new StringContent($$"""{"id": "{{ImageId}}", "status": "queued"}""", Encoding.UTF8, "application/json"),
                };
            }
            if (request.Method == HttpMethod.Delete)
            {
                Deleted.Add(request.RequestUri!.Segments[^1]);
                return new HttpResponseMessage(HttpStatusCode.NoContent);
            }
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }
    }
}
