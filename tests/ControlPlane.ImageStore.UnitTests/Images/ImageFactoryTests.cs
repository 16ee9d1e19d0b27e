using System.Text.Json;
using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Images;

namespace ControlPlane.ImageStore.UnitTests.Images;

public sealed class ImageFactoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static Image Create(string json, ImageCaller? caller = null)
    {
        using var doc = JsonDocument.Parse(json);
        return ImageFactory.Create(doc.RootElement, caller ?? TestCallers.Member(), Now);
    }

    [Fact]
    public void Defaults_follow_glance()
    {
        var image = Create("{}");

        Assert.Equal(ImageStatus.Queued, image.Status);
        Assert.Equal(ImageVisibility.Shared, image.Visibility);
        Assert.Equal("p1", image.Owner);
        Assert.Null(image.Name);
        Assert.False(image.Protected);
        Assert.Equal(Now, image.CreatedAt);
        Assert.Equal(Now, image.UpdatedAt);
        Assert.NotEqual(Guid.Empty, image.Id);
    }

    [Fact]
    public void Attributes_and_extra_properties_are_taken()
    {
        var image = Create("""
            {"id":"11111111-1111-1111-1111-111111111111","name":"cirros","container_format":"bare","disk_format":"qcow2",
             "visibility":"private","min_ram":64,"min_disk":1,"protected":true,"tags":["t"],"os_distro":"cirros",
             "owner_specified.openstack.md5":"abc","ramdisk_id":null}
            """);

        Assert.Equal(Guid.Parse("11111111-1111-1111-1111-111111111111"), image.Id);
        Assert.Equal(("cirros", "bare", "qcow2", "private"), (image.Name, image.ContainerFormat, image.DiskFormat, image.Visibility));
        Assert.Equal((64, 1, true), (image.MinRam, image.MinDisk, image.Protected));
        Assert.Equal(["t"], image.Tags);
        Assert.Equal("cirros", image.Properties["os_distro"]);
        Assert.Equal("abc", image.Properties["owner_specified.openstack.md5"]);
        Assert.False(image.Properties.ContainsKey("ramdisk_id"));
    }

    [Theory]
    [InlineData("""{"id":"not-a-uuid"}""")]
    [InlineData("""{"id":5}""")]
    [InlineData("""{"container_format":"tarball"}""")]
    [InlineData("""{"disk_format":"floppy"}""")]
    [InlineData("""{"visibility":"everyone"}""")]
    [InlineData("""{"min_ram":"1"}""")]
    [InlineData("""{"color":{"a":1}}""")]
    [InlineData("""[]""")]
    public void Invalid_bodies_are_400(string json) => Assert.Throws<InvalidException>(() => Create(json));

    [Theory]
    [InlineData("""{"status":"active"}""")]
    [InlineData("""{"size":5}""")]
    [InlineData("""{"checksum":"x"}""")]
    [InlineData("""{"os_glance_foo":"x"}""")]
    [InlineData("""{"visibility":"public"}""")]
    [InlineData("""{"owner":"someone-else"}""")]
    public void Forbidden_attributes_are_403(string json) => Assert.Throws<ForbiddenException>(() => Create(json));

    [Fact]
    public void Admin_may_create_public_images_for_another_owner()
    {
        var image = Create("""{"visibility":"public","owner":"p9"}""", TestCallers.Admin());
        Assert.Equal((ImageVisibility.Public, "p9"), (image.Visibility, image.Owner));
    }
}
