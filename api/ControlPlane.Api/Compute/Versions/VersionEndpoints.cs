using System.Text.Json.Nodes;
using ControlPlane.Api.Microversions;

namespace ControlPlane.Api.Compute.Versions;

/// <summary>Nova's unauthenticated version documents.</summary>
public static class VersionEndpoints
{
    /// <summary>Maps <c>/compute</c> and <c>/compute/v2.1</c> (routing also matches them with a trailing slash).</summary>
    public static IEndpointRouteBuilder MapComputeVersions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/compute", List);
        app.MapGet("/compute/v2.1", One);
        return app;
    }

    /// <summary>The v2.1 version object.</summary>
    public static JsonObject Version(ComputeLinks links, bool detailed)
    {
        var version = new JsonObject
        {
            ["id"] = "v2.1",
            ["status"] = "CURRENT",
            ["version"] = ApiVersion.Max.ToString(),
            ["min_version"] = ApiVersion.Min.ToString(),
            ["updated"] = "2013-07-23T11:33:21Z",
            ["links"] = new JsonArray(new JsonObject { ["rel"] = "self", ["href"] = links.Versioned + "/" }),
        };
        if (detailed)
        {
            version["links"]!.AsArray().Add(new JsonObject { ["rel"] = "describedby", ["type"] = "text/html", ["href"] = "http://docs.openstack.org/" });
            version["media-types"] = new JsonArray(new JsonObject
            {
                ["base"] = "application/json", ["type"] = "application/vnd.openstack.compute+json;version=2.1",
            });
        }
        return version;
    }

    private static IResult List(HttpContext ctx) => Results.Json(new JsonObject { ["versions"] = new JsonArray(Version(ComputeLinks.For(ctx), false)) });

    private static IResult One(HttpContext ctx) => Results.Json(new JsonObject { ["version"] = Version(ComputeLinks.For(ctx), true) });
}
