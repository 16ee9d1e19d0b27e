using System.Text.Json.Nodes;
using ControlPlane.Api.Compute.ImagesProxy;
using ControlPlane.Domain.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ControlPlane.Snapshot.UnitTests.Api;

public sealed class ImageProxyQueryTests
{
    private readonly List<JsonObject> _images =
    [
        ImageProxyViewTests.Snapshot("active", 10, "a", "2026-11-26T13:00:03Z"),
        ImageProxyViewTests.Snapshot("queued", null, "b", "2026-11-26T13:00:02Z"),
        ImageProxyViewTests.Snapshot("saving", null, "b", "2026-11-26T13:00:01Z"),
        ImageProxyViewTests.Snapshot("killed", null, "c", "2026-11-26T12:59:00Z"),
    ];

    [Fact]
    public void Status_SAVING_selects_queued_and_saving_images() =>
        Assert.Equal(["b", "b"], Names(Query(("status", "SAVING"))));

    [Fact]
    public void Server_matches_the_instance_uuid_property_also_given_as_a_url()
    {
        var server = (string)_images[2]["instance_uuid"]!;
        Assert.Equal(["b"], Names(Query(("server", server))));
        Assert.Equal(["b"], Names(Query(("server", "http://h/compute/v2.1/servers/" + server))));
    }

    [Fact]
    public void Name_type_and_changes_since_filter()
    {
        _images[0]["image_type"] = "backup";
        _images[3].Remove("image_type");
        Assert.Equal(["b", "b"], Names(Query(("name", "b"))));
        Assert.Equal(["b", "b"], Names(Query(("type", "snapshot"))));
        Assert.Equal(["a", "b"], Names(Query(("changes-since", "2026-11-26T13:00:02Z"))));
    }

    [Fact]
    public void Limit_and_marker_page_through_in_order()
    {
        var first = Query(("limit", "2"));
        Assert.Equal(["a", "b"], Names(first));
        var next = Query(("limit", "2"), ("marker", (string)first[^1]["id"]!));
        Assert.Equal(["b", "c"], Names(next));
    }

    [Fact]
    public void An_unknown_marker_or_a_bad_limit_is_400()
    {
        Assert.Throws<InvalidException>(() => Query(("marker", Guid.NewGuid().ToString())));
        Assert.Throws<InvalidException>(() => Query(("limit", "-1")));
        Assert.Throws<InvalidException>(() => Query(("changes-since", "yesterday")));
    }

    private IReadOnlyList<JsonObject> Query(params (string Key, string Value)[] pairs)
    {
        var query = new QueryCollection(pairs.ToDictionary(p => p.Key, p => new StringValues(p.Value)));
        return ImageProxyQuery.Parse(query, 1000).Apply(_images);
    }

    private static List<string> Names(IEnumerable<JsonObject> images) => images.Select(i => (string)i["name"]!).ToList();
}
