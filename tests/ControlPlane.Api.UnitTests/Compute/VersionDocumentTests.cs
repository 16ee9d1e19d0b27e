using System.Text.Json.Nodes;
using ControlPlane.Api.Compute.Versions;
using ControlPlane.Api.Microversions;
using ControlPlane.Api.UnitTests.Infrastructure;

namespace ControlPlane.Api.UnitTests.Compute;

public sealed class VersionDocumentTests
{
    [Fact]
    public void Version_documents_match_tempest_schemas_and_name_the_range()
    {
        var one = new JsonObject { ["version"] = VersionEndpoints.Version(Samples.Links, true) };
        var list = new JsonObject { ["versions"] = new JsonArray(VersionEndpoints.Version(Samples.Links, false)) };
        Assert.Empty(SchemaValidator.Validate(one, TempestSchemas.Body("versions.get_one_version", ApiVersion.Min)));
        Assert.Empty(SchemaValidator.Validate(list, TempestSchemas.Body("versions.list_versions", ApiVersion.Min)));
        Assert.Equal("2.93", one["version"]!["version"]!.GetValue<string>());
        Assert.Equal("2.1", one["version"]!["min_version"]!.GetValue<string>());
        Assert.Equal("http://127.0.0.1:8774/compute/v2.1/", one["version"]!["links"]![0]!["href"]!.GetValue<string>());
    }
}
