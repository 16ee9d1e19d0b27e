namespace ControlPlane.Api.IntegrationTests.Infrastructure;

/// <summary>All integration tests share one in-process api.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiHost>
{
    public const string Name = "api";
}
