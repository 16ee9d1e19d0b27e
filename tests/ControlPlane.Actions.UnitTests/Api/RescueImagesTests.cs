using System.Net;
using System.Text;
using ControlPlane.Api.Compute.Images;
using ControlPlane.Api.Compute.Rescue;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Errors;
using Microsoft.Extensions.Logging.Abstractions;

namespace ControlPlane.Actions.UnitTests.Api;

/// <summary>Rescue image selection (reference C.2) over a stubbed imagestore.</summary>
public sealed class RescueImagesTests
{
    private readonly Dictionary<Guid, string> store = [];

    [Fact]
    public async Task The_requested_image_wins()
    {
        var (own, requested) = (Active(), Active());

        Assert.Equal(requested, await SelectAsync(own, requested));
    }

    [Fact]
    public async Task A_snapshot_server_is_rescued_with_the_base_image_and_a_plain_one_with_its_own()
    {
        var baseImage = Active();
        var snapshot = Active(baseImageRef: baseImage);
        var plain = Active();

        Assert.Equal(baseImage, await SelectAsync(snapshot, null));
        Assert.Equal(plain, await SelectAsync(plain, null));
    }

    [Fact]
    public async Task A_base_image_gone_falls_back_to_the_server_image()
    {
        var snapshot = Active(baseImageRef: Guid.NewGuid());

        Assert.Equal(snapshot, await SelectAsync(snapshot, null));
    }

    [Fact]
    public async Task An_unknown_or_unbootable_rescue_image_is_400()
    {
        var own = Active();
        var queued = Add("""{"status":"queued"}""");

        var unknown = await Assert.ThrowsAsync<InvalidException>(() => SelectAsync(own, Guid.NewGuid()));
        var notBootable = await Assert.ThrowsAsync<InvalidException>(() => SelectAsync(own, queued));

        Assert.Contains("could not be found", unknown.Message);
        Assert.Contains("not bootable", notBootable.Message);
    }

    private Guid Active(Guid? baseImageRef = null) =>
        Add(baseImageRef is { } b ? $$"""{"status":"active","size":1024,"base_image_ref":"{{b}}"}""" : """{"status":"active","size":1024}""");

    private Guid Add(string json)
    {
        var id = Guid.NewGuid();
        store[id] = json;
        return id;
    }

    private Task<Guid> SelectAsync(Guid ownImage, Guid? requested)
    {
        var http = new HttpClient(new StubImagestore(store)) { BaseAddress = new Uri("http://imagestore.invalid/") };
        var instance = new InstanceRecord
        {
            Id = Guid.NewGuid(), InternalId = 1, ProjectId = "p", UserId = "u", DisplayName = "vm", FlavorId = "1", FlavorJson = "{}",
            ImageRef = ownImage.ToString(), VmState = "active", ReservationId = "r-1", CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch,
        };
        return new RescueImages(new ImageServiceClient(http, NullLogger<ImageServiceClient>.Instance)).SelectAsync(instance, requested, "token", CancellationToken.None);
    }

    private sealed class StubImagestore(Dictionary<Guid, string> images) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var id = Guid.Parse(request.RequestUri!.Segments[^1]);
            return Task.FromResult(images.TryGetValue(id, out var json)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") }
                : new HttpResponseMessage(HttpStatusCode.NotFound));
        }
    }
}
