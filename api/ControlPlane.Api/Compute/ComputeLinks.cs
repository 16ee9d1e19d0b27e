using System.Text.Json.Nodes;

namespace ControlPlane.Api.Compute;

/// <summary>Nova's <c>self</c> (versioned) and <c>bookmark</c> (unversioned) links, built from the request's host.</summary>
public sealed class ComputeLinks(string root)
{
    /// <summary>Links of the request's compute API: <c>scheme://host/compute</c>.</summary>
    public static ComputeLinks For(HttpContext context) => new(context.Request.Scheme + "://" + context.Request.Host + "/compute");

    /// <summary><c>.../compute</c>.</summary>
    public string Root => root;

    /// <summary><c>.../compute/v2.1</c>.</summary>
    public string Versioned => root + "/v2.1";

    /// <summary><c>[{"href": self, "rel": "self"}, {"href": bookmark, "rel": "bookmark"}]</c> for <paramref name="collection"/>/<paramref name="id"/>.</summary>
    public JsonArray SelfAndBookmark(string collection, string id) => new(
        new JsonObject { ["href"] = $"{Versioned}/{collection}/{id}", ["rel"] = "self" },
        Bookmark(collection, id));

    /// <summary>The bookmark link object.</summary>
    public JsonObject Bookmark(string collection, string id) => new() { ["href"] = $"{root}/{collection}/{id}", ["rel"] = "bookmark" };

    /// <summary>A <c>next</c> link for paging.</summary>
    public JsonArray Next(string path, IEnumerable<KeyValuePair<string, string>> query) =>
        new(new JsonObject { ["href"] = $"{Versioned}/{path}?" + string.Join('&', query.Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value))), ["rel"] = "next" });
}
