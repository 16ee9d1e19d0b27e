using ControlPlane.ImageStore.Data;
using ControlPlane.ImageStore.Images;

namespace ControlPlane.ImageStore.UnitTests.Data;

public sealed class ImageListSqlBuilderTests
{
    [Fact]
    public void Default_listing_of_a_project_is_public_own_and_accepted_shared_without_hidden()
    {
        var sql = ImageListSqlBuilder.Build(new ImageListQuery(), TestCallers.Member("p1"));

        Assert.Contains("i.status <> 'deleted'", sql.Text);
        Assert.Contains("(i.visibility = 'public' OR i.owner = @p0 OR (i.visibility = 'shared' AND EXISTS", sql.Text);
        Assert.Contains("m.status = @p1", sql.Text);
        Assert.Contains("NOT i.os_hidden", sql.Text);
        Assert.Contains("ORDER BY i.created_at DESC, i.id DESC", sql.Text);
        Assert.Equal("p1", sql.Parameters[0].Value);
        Assert.Equal("accepted", sql.Parameters[1].Value);
        Assert.Equal(25, sql.Parameters[^1].Value);
    }

    [Fact]
    public void Admin_sees_every_project_but_others_community_images_only_when_asked()
    {
        var all = ImageListSqlBuilder.Build(new ImageListQuery(), TestCallers.Admin());
        var pub = ImageListSqlBuilder.Build(new ImageListQuery { Visibility = "public" }, TestCallers.Admin());
        var everything = ImageListSqlBuilder.Build(new ImageListQuery { Visibility = "all" }, TestCallers.Admin());

        Assert.Contains("(i.visibility <> 'community' OR i.owner = @p0)", all.Text);
        Assert.DoesNotContain("EXISTS", all.Text);
        Assert.Contains("i.visibility = @p1", pub.Text);
        Assert.DoesNotContain("i.visibility", everything.Text.Split("WHERE")[1].Split("ORDER BY")[0]);
    }

    [Theory]
    [InlineData("private", "(i.visibility = 'private' AND i.owner = @p0)")]
    [InlineData("public", "i.visibility = 'public'")]
    [InlineData("community", "i.visibility = 'community'")]
    [InlineData("shared", "(i.visibility = 'shared' AND (i.owner = @p0 OR EXISTS")]
    public void Visibility_filters_restrict_to_what_the_caller_may_see(string visibility, string expected)
    {
        var sql = ImageListSqlBuilder.Build(new ImageListQuery { Visibility = visibility }, TestCallers.Member());
        Assert.Contains(expected, sql.Text);
    }

    [Fact]
    public void Filters_are_parameters_never_inlined()
    {
        var query = new ImageListQuery
        {
            Name = "x' OR 1=1 --",
            Status = "active",
            Owner = "p9",
            Tags = ["t1", "t2"],
            SizeMin = 10,
            SizeMax = 20,
            Properties = new Dictionary<string, string> { ["os_distro'--"] = "cirros" },
        };

        var sql = ImageListSqlBuilder.Build(query, TestCallers.Member());

        Assert.DoesNotContain("OR 1=1", sql.Text);
        Assert.DoesNotContain("os_distro", sql.Text);
        Assert.Contains("i.tags @> @", sql.Text);
        Assert.Contains("i.size >= @", sql.Text);
        Assert.Contains("i.size <= @", sql.Text);
        Assert.Contains("i.properties ->> @", sql.Text);
        Assert.Contains(sql.Parameters, p => Equals(p.Value, "x' OR 1=1 --"));
        Assert.Contains(sql.Parameters, p => p.Value is string[] tags && tags.SequenceEqual(["t1", "t2"]));
    }

    [Fact]
    public void Marker_pages_by_keyset_on_the_sort_keys_then_id()
    {
        var marker = Guid.NewGuid();
        var query = new ImageListQuery { Marker = marker, Sort = [new ImageSortKey("name", false), new ImageSortKey("size", true)] };

        var sql = ImageListSqlBuilder.Build(query, TestCallers.Member());

        Assert.Contains("JOIN images mk ON mk.id = @", sql.Text);
        Assert.Contains("(COALESCE(i.name, '') > COALESCE(mk.name, ''))", sql.Text);
        Assert.Contains("COALESCE(i.name, '') = COALESCE(mk.name, '') AND COALESCE(i.size, -1) < COALESCE(mk.size, -1)", sql.Text);
        Assert.Contains("AND i.id > mk.id)", sql.Text);
        Assert.Contains("ORDER BY COALESCE(i.name, '') ASC, COALESCE(i.size, -1) DESC, i.id ASC", sql.Text);
        Assert.Contains(sql.Parameters, p => Equals(p.Value, marker));
    }

    [Fact]
    public void Explicit_hidden_filter_replaces_the_default_exclusion()
    {
        var sql = ImageListSqlBuilder.Build(new ImageListQuery { OsHidden = true }, TestCallers.Member());
        Assert.DoesNotContain("NOT i.os_hidden", sql.Text);
        Assert.Contains("i.os_hidden = @", sql.Text);
    }

    [Fact]
    public void Member_status_all_does_not_filter_membership_status()
    {
        var sql = ImageListSqlBuilder.Build(new ImageListQuery { MemberStatus = "all" }, TestCallers.Member());
        Assert.DoesNotContain("m.status", sql.Text);
    }
}
