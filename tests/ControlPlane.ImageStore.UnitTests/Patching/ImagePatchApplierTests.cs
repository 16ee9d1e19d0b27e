using System.Text;
using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Images;
using ControlPlane.ImageStore.Patching;

namespace ControlPlane.ImageStore.UnitTests.Patching;

public sealed class ImagePatchApplierTests
{
    private static Image Apply(Image image, string body, bool draft4 = false, ImageCaller? caller = null) =>
        ImagePatchApplier.Apply(image, JsonPatchParser.Parse(draft4 ? PatchMediaTypes.V20 : PatchMediaTypes.V21, Encoding.UTF8.GetBytes(body)),
            caller ?? TestCallers.Member(), draft4);

    [Theory]
    [InlineData("status")]
    [InlineData("size")]
    [InlineData("checksum")]
    [InlineData("os_hash_value")]
    [InlineData("os_hash_algo")]
    [InlineData("id")]
    [InlineData("created_at")]
    [InlineData("updated_at")]
    [InlineData("virtual_size")]
    [InlineData("self")]
    [InlineData("file")]
    [InlineData("schema")]
    [InlineData("direct_url")]
    public void Read_only_attributes_are_403_in_both_media_types(string attribute)
    {
        var image = TestCallers.Image();
        var v21 = Assert.Throws<ForbiddenException>(() => Apply(image, $$"""[{"op":"replace","path":"/{{attribute}}","value":"x"}]"""));
        Assert.Contains("read-only", v21.Message);
        Assert.Throws<ForbiddenException>(() => Apply(image, $$"""[{"replace":"/{{attribute}}","value":"x"}]""", draft4: true));
        Assert.Throws<ForbiddenException>(() => Apply(image, $$"""[{"op":"remove","path":"/{{attribute}}"}]"""));
    }

    [Theory]
    [InlineData("os_glance_foo")]
    [InlineData("os_glance_import_task")]
    [InlineData("deleted")]
    [InlineData("locations")]
    public void Reserved_attributes_are_403(string attribute)
    {
        var ex = Assert.Throws<ForbiddenException>(() => Apply(TestCallers.Image(), $$"""[{"op":"add","path":"/{{attribute}}","value":"x"}]"""));
        Assert.Contains("reserved", ex.Message);
    }

    [Fact]
    public void Replace_add_remove_change_a_copy_only()
    {
        var image = TestCallers.Image();
        image.Properties["old"] = "1";

        var patched = Apply(image, """
            [{"op":"replace","path":"/name","value":"n2"},{"op":"add","path":"/k","value":"v"},
             {"op":"remove","path":"/old"},{"op":"replace","path":"/min_ram","value":512},
             {"op":"add","path":"/tags","value":["a","b","a"]},{"op":"replace","path":"/protected","value":true}]
            """);

        Assert.Equal("n2", patched.Name);
        Assert.Equal("v", patched.Properties["k"]);
        Assert.False(patched.Properties.ContainsKey("old"));
        Assert.Equal(512, patched.MinRam);
        Assert.Equal(["a", "b"], patched.Tags);
        Assert.True(patched.Protected);
        Assert.Equal("img", image.Name);
        Assert.Equal("1", image.Properties["old"]);
        Assert.Empty(image.Tags);
    }

    [Fact]
    public void V20_replace_of_name_works_as_tempest_sends_it()
    {
        var patched = Apply(TestCallers.Image(), """[{"replace":"/name","value":"new-name"}]""", draft4: true);
        Assert.Equal("new-name", patched.Name);
    }

    [Fact]
    public void Adding_an_existing_extra_property_is_409_in_v20_and_a_replace_in_v21()
    {
        var image = TestCallers.Image();
        image.Properties["k"] = "v1";

        Assert.Throws<ConflictException>(() => Apply(image, """[{"add":"/k","value":"v2"}]""", draft4: true));
        Assert.Equal("v2", Apply(image, """[{"op":"add","path":"/k","value":"v2"}]""").Properties["k"]);
    }

    [Fact]
    public void Replace_or_remove_of_a_missing_property_is_409()
    {
        Assert.Throws<ConflictException>(() => Apply(TestCallers.Image(), """[{"op":"replace","path":"/nope","value":"v"}]"""));
        Assert.Throws<ConflictException>(() => Apply(TestCallers.Image(), """[{"op":"remove","path":"/nope"}]"""));
    }

    [Theory]
    [InlineData("name")]
    [InlineData("visibility")]
    [InlineData("min_ram")]
    public void Core_attributes_cannot_be_removed(string attribute) =>
        Assert.Throws<ForbiddenException>(() => Apply(TestCallers.Image(), $$"""[{"op":"remove","path":"/{{attribute}}"}]"""));

    [Theory]
    [InlineData("""[{"op":"replace","path":"/min_ram","value":-1}]""")]
    [InlineData("""[{"op":"replace","path":"/min_disk","value":"5"}]""")]
    [InlineData("""[{"op":"replace","path":"/protected","value":"yes"}]""")]
    [InlineData("""[{"op":"replace","path":"/visibility","value":"everyone"}]""")]
    [InlineData("""[{"op":"replace","path":"/disk_format","value":"floppy"}]""")]
    [InlineData("""[{"op":"add","path":"/k","value":5}]""")]
    [InlineData("""[{"op":"add","path":"/kernel_id","value":"not-a-uuid"}]""")]
    [InlineData("""[{"op":"replace","path":"/tags","value":"a"}]""")]
    public void Schema_violations_are_400(string body) =>
        Assert.Throws<InvalidException>(() => Apply(TestCallers.Image(), body));

    [Fact]
    public void Making_an_image_public_needs_admin()
    {
        Assert.Throws<ForbiddenException>(() => Apply(TestCallers.Image(), """[{"op":"replace","path":"/visibility","value":"public"}]"""));
        var patched = Apply(TestCallers.Image(), """[{"op":"replace","path":"/visibility","value":"public"}]""", caller: TestCallers.Admin());
        Assert.Equal(ImageVisibility.Public, patched.Visibility);
        Assert.Equal(ImageVisibility.Community,
            Apply(TestCallers.Image(), """[{"op":"replace","path":"/visibility","value":"community"}]""").Visibility);
    }

    [Fact]
    public void Formats_can_change_only_while_queued()
    {
        var active = TestCallers.Image(status: ImageStatus.Active);
        Assert.Throws<ForbiddenException>(() => Apply(active, """[{"op":"replace","path":"/disk_format","value":"qcow2"}]"""));
        Assert.Equal("raw", Apply(active, """[{"op":"replace","path":"/disk_format","value":"raw"}]""").DiskFormat);
        Assert.Equal("qcow2", Apply(TestCallers.Image(), """[{"op":"replace","path":"/disk_format","value":"qcow2"}]""").DiskFormat);
    }

    [Fact]
    public void Only_admin_changes_the_owner()
    {
        Assert.Throws<ForbiddenException>(() => Apply(TestCallers.Image(), """[{"op":"replace","path":"/owner","value":"p2"}]"""));
        Assert.Equal("p2", Apply(TestCallers.Image(), """[{"op":"replace","path":"/owner","value":"p2"}]""", caller: TestCallers.Admin()).Owner);
    }
}
