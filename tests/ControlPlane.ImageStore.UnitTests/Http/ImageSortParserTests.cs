using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Data;
using ControlPlane.ImageStore.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ControlPlane.ImageStore.UnitTests.Http;

public sealed class ImageSortParserTests
{
    private static IReadOnlyList<ImageSortKey> Parse(string query) =>
        ImageSortParser.Parse(new QueryCollection(QueryHelpers.ParseQuery(query)));

    [Fact]
    public void Fifteen_hundred_sort_keys_are_refused_by_length_before_any_key_is_read()
    {
        var sort = string.Join(",", Enumerable.Repeat("name", 1500));
        var e = Assert.Throws<InvalidException>(() => Parse("sort=" + sort));
        Assert.Contains("too long", e.Message);
    }

    [Theory]
    [InlineData("sort=name,name")]
    [InlineData("sort=name:asc,size,name:desc")]
    [InlineData("sort_key=name&sort_key=name")]
    public void A_repeated_key_is_refused(string query) =>
        Assert.Contains("more than once", Assert.Throws<InvalidException>(() => Parse(query)).Message);

    [Theory]
    [InlineData("sort=bogus")]
    [InlineData("sort=name:sideways")]
    [InlineData("sort=name:asc:desc")]
    [InlineData("sort=")]
    [InlineData("sort=name&sort_key=size")]
    [InlineData("sort_key=name&sort_dir=asc&sort_dir=desc&sort_key=size&sort_dir=asc")]
    public void Invalid_orders_are_refused(string query) => Assert.Throws<InvalidException>(() => Parse(query));

    [Fact]
    public void Every_sortable_key_once_is_accepted()
    {
        var sort = string.Join(",", ImageListSqlBuilder.SortableKeys.Select(k => k + ":desc"));
        Assert.True(sort.Length <= ImageSortParser.MaxSortLength);
        Assert.Equal(ImageListSqlBuilder.SortableKeys.Count, Parse("sort=" + sort).Count);
    }

    [Fact]
    public void Both_syntaxes_keep_glance_defaults()
    {
        Assert.Equal([new ImageSortKey("name", false), new ImageSortKey("size", true)], Parse("sort=name:asc, size"));
        Assert.Equal([new ImageSortKey("name", false), new ImageSortKey("size", false)], Parse("sort_key=name&sort_key=size&sort_dir=asc"));
        Assert.Equal([new ImageSortKey("created_at", false)], Parse("sort_dir=asc"));
    }
}
