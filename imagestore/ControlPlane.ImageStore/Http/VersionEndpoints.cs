using System.Text.Json.Nodes;

namespace ControlPlane.ImageStore.Http;

/// <summary>
/// Version discovery: <c>GET {prefix}/</c> answers 300 (openstacksdk, tempest) and
/// <c>GET {prefix}/versions</c> answers 200 (glanceclient crashes on anything else).
/// </summary>
public static class VersionEndpoints
{
    /// <summary>Minor versions of the v2 API this service advertises, newest first.</summary>
    private static readonly string[] Versions = ["v2.9", "v2.8", "v2.7", "v2.6", "v2.5", "v2.4", "v2.3", "v2.2", "v2.1", "v2.0"];

    /// <summary>Maps the version documents under <paramref name="prefix"/> ("" or "/image").</summary>
    public static void MapVersions(this IEndpointRouteBuilder routes, string prefix)
    {
        routes.MapGet(prefix.Length == 0 ? "/" : prefix, (HttpContext context) => GlanceResults.Json(Document(context, prefix), StatusCodes.Status300MultipleChoices))
            .ExcludeFromDescription();
        routes.MapGet(prefix + "/versions", (HttpContext context) => GlanceResults.Json(Document(context, prefix)))
            .ExcludeFromDescription();
    }

    private static JsonObject Document(HttpContext context, string prefix)
    {
        var href = $"{context.Request.Scheme}://{context.Request.Host}{prefix}/v2/";
        var list = new JsonArray();
        for (var i = 0; i < Versions.Length; i++)
        {
            list.Add(new JsonObject
            {
                ["id"] = Versions[i],
                ["status"] = i == 0 ? "CURRENT" : "SUPPORTED",
                ["links"] = new JsonArray(new JsonObject { ["rel"] = "self", ["href"] = href }),
            });
        }
        return new JsonObject { ["versions"] = list };
    }
}
