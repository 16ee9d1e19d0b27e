using System.Text.Json;
using ControlPlane.Api.Compute.Snapshots;
using ControlPlane.Api.Microversions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Snapshot.UnitTests.Api;

/// <summary>The createImage answer against tempest's v2_1 and v2_45 <c>images.create_image</c> schemas.</summary>
public sealed class CreateImageResponseTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(35)]
    [InlineData(44)]
    public async Task Below_2_45_it_is_202_with_an_absolute_location_to_the_image_proxy_and_no_body(int minor)
    {
        var imageId = Guid.NewGuid();
        var (ctx, body) = await RespondAsync(new ApiVersion(2, minor), imageId);

        Assert.Equal(202, ctx.Response.StatusCode);
        var location = ctx.Response.Headers.Location.ToString();
        Assert.True(Uri.TryCreate(location, UriKind.Absolute, out var uri), "location must be a uri");
        Assert.Equal($"http://cloud.example:8774/compute/v2.1/images/{imageId}", uri!.AbsoluteUri);
        Assert.Empty(body);
    }

    [Theory]
    [InlineData(45)]
    [InlineData(93)]
    public async Task From_2_45_it_is_202_with_only_image_id_in_the_body(int minor)
    {
        var imageId = Guid.NewGuid();
        var (ctx, body) = await RespondAsync(new ApiVersion(2, minor), imageId);

        Assert.Equal(202, ctx.Response.StatusCode);
        Assert.False(ctx.Response.Headers.ContainsKey("Location"));
        using var doc = JsonDocument.Parse(body);
        var property = Assert.Single(doc.RootElement.EnumerateObject());
        Assert.Equal("image_id", property.Name);
        Assert.Equal(imageId.ToString("D"), property.Value.GetString());
    }

    private static async Task<(HttpContext Context, string Body)> RespondAsync(ApiVersion version, Guid imageId)
    {
        var ctx = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
        };
        ctx.Request.Scheme = "http";
        ctx.Request.Host = new HostString("cloud.example:8774");
        ctx.Items["controlplane.microversion"] = version;
        var output = new MemoryStream();
        ctx.Response.Body = output;
        await CreateImageAction.Respond(ctx, imageId).ExecuteAsync(ctx);
        return (ctx, System.Text.Encoding.UTF8.GetString(output.ToArray()));
    }
}
