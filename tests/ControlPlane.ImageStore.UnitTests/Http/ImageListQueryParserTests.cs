using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Data;
using ControlPlane.ImageStore.Http;
using ControlPlane.ImageStore.Options;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ControlPlane.ImageStore.UnitTests.Http;

public sealed class ImageListQueryParserTests
{
    private static readonly ImageStoreOptions Options = new() { DefaultPageSize = 25, MaxPageSize = 100 };

    private static ImageListQuery Parse(string query) =>
        ImageListQueryParser.Parse(new QueryCollection(QueryHelpers.ParseQuery(query)), Options);

    [Fact]
    public void Defaults_are_25_newest_first()
    {
        var q = Parse("");
        Assert.Equal(25, q.Limit);
        Assert.Equal([new ImageSortKey("created_at", true)], q.Sort);
        Assert.Equal("accepted", q.MemberStatus);
        Assert.Null(q.Marker);
    }

    [Fact]
    public void Filters_and_paging_are_read()
    {
        var marker = Guid.NewGuid();
        var q = Parse($"name=a&status=active&visibility=private&owner=p&tag=t1&tag=t2&limit=5&marker={marker}&size_min=1&size_max=9&os_hidden=true&os_distro=cirros");

        Assert.Equal(("a", "active", "private", "p"), (q.Name, q.Status, q.Visibility, q.Owner));
        Assert.Equal(["t1", "t2"], q.Tags);
        Assert.Equal((5, marker), (q.Limit, q.Marker));
        Assert.Equal((1L, 9L), (q.SizeMin, q.SizeMax));
        Assert.True(q.OsHidden);
        Assert.Equal("cirros", q.Properties["os_distro"]);
        Assert.Single(q.Properties);
    }

    [Fact]
    public void Exact_size_min_ram_and_min_disk_are_filters_not_properties()
    {
        var q = Parse("size=1024&min_ram=64&min_disk=1");
        Assert.Equal((1024L, 64, 1), (q.Size, q.MinRam, q.MinDisk));
        Assert.Empty(q.Properties);
        Assert.Throws<InvalidException>(() => Parse("min_ram=99999999999"));
    }

    [Fact]
    public void Limit_is_capped_at_the_maximum() => Assert.Equal(100, Parse("limit=5000").Limit);

    [Fact]
    public void Sort_keys_and_directions_pair_up()
    {
        var q = Parse("sort_key=name&sort_key=size&sort_dir=asc&sort_dir=desc");
        Assert.Equal([new ImageSortKey("name", false), new ImageSortKey("size", true)], q.Sort);

        var single = Parse("sort_key=name&sort_key=size&sort_dir=asc");
        Assert.All(single.Sort, k => Assert.False(k.Descending));

        var newStyle = Parse("sort=name:asc,created_at");
        Assert.Equal([new ImageSortKey("name", false), new ImageSortKey("created_at", true)], newStyle.Sort);
    }

    [Theory]
    [InlineData("limit=-1")]
    [InlineData("limit=abc")]
    [InlineData("sort_key=password")]
    [InlineData("sort_dir=up")]
    [InlineData("sort_key=name&sort_key=id&sort_key=size&sort_dir=asc&sort_dir=desc")]
    [InlineData("sort=name:asc&sort_key=id")]
    [InlineData("visibility=everyone")]
    [InlineData("member_status=maybe")]
    [InlineData("status=happy")]
    [InlineData("size_min=big")]
    [InlineData("os_hidden=maybe")]
    [InlineData("marker=not-a-uuid")]
    [InlineData("name=a&name=b")]
    public void Invalid_parameters_are_400(string query) => Assert.Throws<InvalidException>(() => Parse(query));
}
