using System.Text.Json.Nodes;
using ControlPlane.Api.Compute.Flavors;
using ControlPlane.Api.Microversions;
using ControlPlane.Api.UnitTests.Infrastructure;

namespace ControlPlane.Api.UnitTests.Compute;

public sealed class FlavorViewSchemaTests
{
    public static TheoryData<string> Versions()
    {
        var data = new TheoryData<string>();
        foreach (var v in TempestSchemas.AllVersions())
        {
            data.Add(v.ToString());
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Flavor_bodies_match_tempest_schemas(string microversion)
    {
        var version = MicroversionNegotiator.Parse(microversion);
        var flavors = new[] { Samples.Flavor(), Samples.Flavor(swap: 512, description: "small") };
        AssertValid(new JsonObject
        {
            ["flavors"] = new JsonArray(flavors.Select(f => (JsonNode?)FlavorView.Summary(f, version, Samples.Links)).ToArray()),
            ["flavors_links"] = Samples.Links.Next("flavors", [KeyValuePair.Create("marker", "1")]),
        }, "flavors.list_flavors", version);
        AssertValid(new JsonObject
        {
            ["flavors"] = new JsonArray(flavors.Select(f => (JsonNode?)FlavorView.Detail(f, version, Samples.Links)).ToArray()),
        }, "flavors.list_flavors_details", version);
        AssertValid(new JsonObject { ["flavor"] = FlavorView.Detail(flavors[0], version, Samples.Links) }, "flavors.create_update_get_flavor_details", version);
    }

    [Theory]
    [InlineData("2.1", "")]
    [InlineData("2.74", "")]
    [InlineData("2.75", "0")]
    public void Zero_swap_is_an_empty_string_before_2_75(string microversion, string expected)
    {
        var body = FlavorView.Detail(Samples.Flavor(), MicroversionNegotiator.Parse(microversion), Samples.Links);
        Assert.Equal(expected, body["swap"]!.ToString());
    }

    [Fact]
    public void Description_and_extra_specs_appear_at_2_55_and_2_61()
    {
        Assert.False(FlavorView.Detail(Samples.Flavor(), new ApiVersion(2, 54), Samples.Links).ContainsKey("description"));
        Assert.True(FlavorView.Detail(Samples.Flavor(), new ApiVersion(2, 55), Samples.Links).ContainsKey("description"));
        Assert.False(FlavorView.Detail(Samples.Flavor(), new ApiVersion(2, 60), Samples.Links).ContainsKey("extra_specs"));
        Assert.Equal("shared", FlavorView.Detail(Samples.Flavor(), new ApiVersion(2, 61), Samples.Links)["extra_specs"]!["hw:cpu_policy"]!.GetValue<string>());
    }

    private static void AssertValid(JsonNode body, string schema, ApiVersion version)
    {
        var errors = SchemaValidator.Validate(body, TempestSchemas.Body(schema, version));
        Assert.True(errors.Count == 0, $"{schema} @ {version}:\n" + string.Join('\n', errors) + "\n" + body.ToJsonString());
    }
}
