namespace ControlPlane.ImageStore.IntegrationTests.Infrastructure;

/// <summary>All integration tests share one running service.</summary>
[CollectionDefinition(Name)]
public sealed class ImageStoreCollection : ICollectionFixture<ImageStoreFixture>
{
    /// <summary>Collection name.</summary>
    public const string Name = "imagestore";
}
