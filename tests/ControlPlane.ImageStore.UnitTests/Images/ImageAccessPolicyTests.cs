using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Images;

namespace ControlPlane.ImageStore.UnitTests.Images;

public sealed class ImageAccessPolicyTests
{
    [Theory]
    [InlineData(ImageVisibility.Private, false, false)]
    [InlineData(ImageVisibility.Shared, false, false)]
    [InlineData(ImageVisibility.Shared, true, true)]
    [InlineData(ImageVisibility.Public, false, true)]
    [InlineData(ImageVisibility.Community, false, true)]
    public void Another_projects_image_is_visible_only_as_glance_says(string visibility, bool isMember, bool visible)
    {
        var image = TestCallers.Image(owner: "owner", visibility: visibility);
        Assert.Equal(visible, ImageAccessPolicy.CanSee(TestCallers.Member("other"), image, isMember));
        Assert.True(ImageAccessPolicy.CanSee(TestCallers.Member("owner"), image, false));
        Assert.True(ImageAccessPolicy.CanSee(TestCallers.Admin(), image, false));
    }

    [Fact]
    public void Deleted_images_are_invisible_even_to_admin()
    {
        var image = TestCallers.Image(status: ImageStatus.Deleted);
        Assert.False(ImageAccessPolicy.CanSee(TestCallers.Admin(), image, false));
    }

    [Fact]
    public void Modify_is_404_when_invisible_and_403_when_only_visible()
    {
        var priv = TestCallers.Image(owner: "owner");
        var pub = TestCallers.Image(owner: "owner", visibility: ImageVisibility.Public);

        Assert.Throws<NotFoundException>(() => ImageAccessPolicy.EnsureCanModify(TestCallers.Member("other"), priv, false));
        Assert.Throws<ForbiddenException>(() => ImageAccessPolicy.EnsureCanModify(TestCallers.Member("other"), pub, false));
        Assert.Throws<ForbiddenException>(() => ImageAccessPolicy.EnsureCanModify(TestCallers.Reader("owner"), priv, false));
        ImageAccessPolicy.EnsureCanModify(TestCallers.Member("owner"), priv, false);
        ImageAccessPolicy.EnsureCanModify(TestCallers.Admin(), priv, false);
    }

    [Fact]
    public void Deactivated_data_is_for_admin_only()
    {
        var image = TestCallers.Image(status: ImageStatus.Deactivated);
        Assert.Throws<ForbiddenException>(() => ImageAccessPolicy.EnsureCanDownload(TestCallers.Member(), image));
        ImageAccessPolicy.EnsureCanDownload(TestCallers.Admin(), image);
    }
}
