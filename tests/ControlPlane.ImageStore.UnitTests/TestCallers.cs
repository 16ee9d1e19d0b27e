using ControlPlane.ImageStore.Images;

namespace ControlPlane.ImageStore.UnitTests;

/// <summary>Callers used across the tests.</summary>
internal static class TestCallers
{
    public static ImageCaller Member(string project = "p1") => new(project, "u-" + project, new HashSet<string> { "member", "reader" });

    public static ImageCaller Reader(string project = "p1") => new(project, "u-" + project, new HashSet<string> { "reader" });

    public static ImageCaller Admin(string project = "admin") => new(project, "u-admin", new HashSet<string> { "admin", "member" });

    public static Image Image(string owner = "p1", string visibility = ImageVisibility.Private, string status = ImageStatus.Queued) => new()
    {
        Id = Guid.NewGuid(),
        Name = "img",
        Status = status,
        Visibility = visibility,
        Owner = owner,
        ContainerFormat = "bare",
        DiskFormat = "raw",
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };
}
