using System.Text.Json.Nodes;
using ControlPlane.Api.Compute;
using ControlPlane.Api.Compute.ImagesProxy;

namespace ControlPlane.Snapshot.UnitTests.Api;

/// <summary>The proxy's image against tempest's v2_1 <c>images.py</c> (common_image_schema, list_images).</summary>
public sealed class ImageProxyViewTests
{
    private static readonly string[] AllowedDetail =
        ["id", "status", "updated", "links", "name", "created", "minDisk", "minRam", "progress", "metadata", "server", "OS-EXT-IMG-SIZE:size", "OS-DCF:diskConfig"];

    private static readonly string[] RequiredDetail =
        ["id", "status", "updated", "links", "name", "created", "minDisk", "minRam", "progress", "metadata"];

    private static readonly ComputeLinks Links = new("http://cloud.example:8774/compute");

    [Theory]
    [InlineData("queued", "SAVING", 25)]
    [InlineData("saving", "SAVING", 50)]
    [InlineData("active", "ACTIVE", 100)]
    [InlineData("killed", "ERROR", 0)]
    [InlineData("deleted", "DELETED", 0)]
    [InlineData("pending_delete", "DELETED", 0)]
    [InlineData("deactivated", "UNKNOWN", 0)]
    [InlineData(null, "UNKNOWN", 0)]
    public void Glance_statuses_map_to_novas(string? glance, string nova, int progress)
    {
        Assert.Equal(nova, NovaImageStatus.Of(glance));
        Assert.Equal(progress, NovaImageStatus.Progress(glance));
        Assert.Contains(nova, new[] { "ACTIVE", "SAVING", "DELETED", "ERROR", "UNKNOWN" });
    }

    [Fact]
    public void A_snapshot_renders_with_exactly_the_schema_fields_its_server_and_its_properties_as_metadata()
    {
        var image = Snapshot("active", size: 2105856);
        var view = ImageProxyView.Detail(image, Links, "http://cloud.example:9292");

        Assert.Empty(view.Select(p => p.Key).Except(AllowedDetail));
        Assert.Empty(RequiredDetail.Except(view.Select(p => p.Key)));
        Assert.Equal("ACTIVE", (string?)view["status"]);
        Assert.Equal(100, (int)view["progress"]!);
        Assert.Equal(512, (int)view["minRam"]!);
        Assert.Equal(1, (int)view["minDisk"]!);
        Assert.Equal(2105856L, (long)view["OS-EXT-IMG-SIZE:size"]!);
        Assert.Equal("2026-11-26T13:00:00Z", (string?)view["created"]);
        Assert.Equal("2026-11-26T13:00:05Z", (string?)view["updated"]);
        var metadata = view["metadata"]!.AsObject();
        Assert.Equal(["image_type", "instance_uuid", "base_image_ref", "user_id", "purpose"], metadata.Select(p => p.Key));
        var server = view["server"]!.AsObject();
        Assert.Equal(["id", "links"], server.Select(p => p.Key));
        Assert.Equal("http://cloud.example:8774/compute/v2.1/servers/" + (string?)image["instance_uuid"], (string?)server["links"]![0]!["href"]);
        AssertLinks(view["links"]!.AsArray(), (string)image["id"]!);
    }

    [Fact]
    public void A_queued_image_without_data_has_a_null_size_and_no_server_when_not_a_snapshot()
    {
        var image = Snapshot("queued", size: null);
        image.Remove("instance_uuid");
        var view = ImageProxyView.Detail(image, Links, "http://cloud.example:9292");
        Assert.Equal("SAVING", (string?)view["status"]);
        Assert.Equal(25, (int)view["progress"]!);
        Assert.True(view.ContainsKey("OS-EXT-IMG-SIZE:size"));
        Assert.Null(view["OS-EXT-IMG-SIZE:size"]);
        Assert.False(view.ContainsKey("server"));
    }

    [Fact]
    public void The_list_entry_has_only_id_name_and_links()
    {
        var image = Snapshot("saving", size: null);
        var view = ImageProxyView.Summary(image, Links, "http://cloud.example:9292");
        Assert.Equal(["id", "name", "links"], view.Select(p => p.Key));
        AssertLinks(view["links"]!.AsArray(), (string)image["id"]!);
    }

    private static void AssertLinks(JsonArray links, string id)
    {
        Assert.Equal(["self", "bookmark", "alternate"], links.Select(l => (string?)l!["rel"]));
        Assert.All(links, l => Assert.Empty(l!.AsObject().Select(p => p.Key).Except(["href", "rel", "type"])));
        Assert.All(links, l => Assert.True(Uri.IsWellFormedUriString((string?)l!["href"], UriKind.Absolute)));
        Assert.Equal($"http://cloud.example:8774/compute/v2.1/images/{id}", (string?)links[0]!["href"]);
        Assert.Equal($"http://cloud.example:8774/compute/images/{id}", (string?)links[1]!["href"]);
        Assert.Equal($"http://cloud.example:9292/images/{id}", (string?)links[2]!["href"]);
    }

    internal static JsonObject Snapshot(string status, long? size, string name = "snap1", string updated = "2026-11-26T13:00:05Z") => new()
    {
        ["id"] = Guid.NewGuid().ToString("D"), ["name"] = name, ["status"] = status, ["visibility"] = "private",
        ["protected"] = false, ["checksum"] = size is null ? null : "d41d8cd98f00b204e9800998ecf8427e", ["os_hash_algo"] = "sha512",
        ["os_hash_value"] = null, ["owner"] = "p1", ["size"] = size, ["virtual_size"] = null, ["min_ram"] = 512, ["min_disk"] = 1,
        ["created_at"] = "2026-11-26T13:00:00Z", ["updated_at"] = updated, ["tags"] = new JsonArray(),
        ["container_format"] = "ovf", ["disk_format"] = "vhd", ["file"] = "/v2/images/x/file", ["self"] = "/v2/images/x",
        ["schema"] = "/v2/schemas/image", ["os_hidden"] = false,
        ["image_type"] = "snapshot", ["instance_uuid"] = Guid.NewGuid().ToString("D"), ["base_image_ref"] = Guid.NewGuid().ToString("D"),
        ["user_id"] = "u1", ["purpose"] = "test",
    };
}
