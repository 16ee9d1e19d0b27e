using System.Text.Json.Nodes;
using ControlPlane.Api.Edge;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Microversions;
using ControlPlane.Api.Options;
using ControlPlane.Data.Flavors;
using ControlPlane.Domain.Errors;
using Microsoft.Extensions.Options;
using ControlPlane.Api.Policy;

namespace ControlPlane.Api.Compute.Flavors;

/// <summary>Nova's read-only flavor API: list, detail, show, extra specs.</summary>
public static class FlavorEndpoints
{
    private static readonly HashSet<string> Allowed = ["minRam", "minDisk", "is_public", "sort_key", "sort_dir", "limit", "marker"];

    /// <summary>Maps the flavor routes on the (authenticated, microversioned) compute group.</summary>
    public static RouteGroupBuilder MapFlavors(this RouteGroupBuilder group)
    {
        group.MapGet("/flavors", (HttpContext ctx, FlavorStore store, IOptions<ApiOptions> o) => ListAsync(ctx, store, o.Value, detail: false))
            .RequirePolicy("os_compute_api:flavors");
        group.MapGet("/flavors/detail", (HttpContext ctx, FlavorStore store, IOptions<ApiOptions> o) => ListAsync(ctx, store, o.Value, detail: true))
            .RequirePolicy("os_compute_api:flavors");
        group.MapGet("/flavors/{id}", ShowAsync).RequirePolicy("os_compute_api:flavors");
        group.MapGet("/flavors/{id}/os-extra_specs", ExtraSpecsAsync).RequirePolicy("os_compute_api:os-flavor-extra-specs:index");
        return group;
    }

    private static async Task<IResult> ListAsync(HttpContext ctx, FlavorStore store, ApiOptions options, bool detail)
    {
        var version = ctx.Microversion();
        var q = ctx.Request.Query;
        if (version.AtLeast(75))
        {
            QueryParams.RejectUnknown(q, Allowed);
        }
        var sortKey = QueryParams.Get(q, "sort_key") ?? "flavorid";
        if (!FlavorStore.SortKeys.ContainsKey(sortKey))
        {
            throw new InvalidException($"Invalid input for query parameters sort_key. Value: {sortKey}.");
        }
        var sortDir = QueryParams.Get(q, "sort_dir") ?? "asc";
        if (sortDir is not ("asc" or "desc"))
        {
            throw new InvalidException($"Invalid input for query parameters sort_dir. Value: {sortDir}.");
        }
        var query = new FlavorQuery
        {
            MinRam = QueryParams.NonNegative(q, "minRam", $"Invalid minRam filter [{QueryParams.Get(q, "minRam")}]"),
            MinDisk = QueryParams.NonNegative(q, "minDisk", $"Invalid minDisk filter [{QueryParams.Get(q, "minDisk")}]"),
            IsPublic = IsPublic(QueryParams.Get(q, "is_public"), ctx.Principal().IsAdmin),
            SortKey = sortKey,
            Descending = sortDir == "desc",
            Limit = QueryParams.Limit(q, options.MaxLimit),
            Marker = QueryParams.Get(q, "marker"),
        };
        var flavors = await store.ListAsync(query, ctx.RequestAborted);
        var links = ComputeLinks.For(ctx);
        var body = new JsonObject
        {
            ["flavors"] = new JsonArray(flavors.Select(f => (JsonNode?)(detail ? FlavorView.Detail(f, version, links) : FlavorView.Summary(f, version, links))).ToArray()),
        };
        if (flavors.Count > 0 && flavors.Count == query.Limit && q.ContainsKey("limit"))
        {
            var next = q.Where(p => p.Key != "marker").Select(p => KeyValuePair.Create(p.Key, p.Value.ToString())).Append(KeyValuePair.Create("marker", flavors[^1].Id));
            body["flavors_links"] = links.Next(detail ? "flavors/detail" : "flavors", next);
        }
        return Results.Json(body);
    }

    private static async Task<IResult> ShowAsync(HttpContext ctx, string id, FlavorStore store)
    {
        var flavor = await store.FindAsync(id, ctx.RequestAborted) ?? throw new NotFoundException($"Flavor {id} could not be found.");
        return Results.Json(new JsonObject { ["flavor"] = FlavorView.Detail(flavor, ctx.Microversion(), ComputeLinks.For(ctx)) });
    }

    private static async Task<IResult> ExtraSpecsAsync(HttpContext ctx, string id, FlavorStore store)
    {
        var flavor = await store.FindAsync(id, ctx.RequestAborted) ?? throw new NotFoundException($"Flavor {id} could not be found.");
        return Results.Json(new JsonObject { ["extra_specs"] = FlavorView.ExtraSpecs(flavor) });
    }

    /// <summary>Nova's <c>_parse_is_public</c>: non-admins see public flavors only; admins may ask for none/both.</summary>
    private static bool? IsPublic(string? raw, bool admin)
    {
        if (!admin || raw is null)
        {
            return true;
        }
        return raw.ToLowerInvariant() switch
        {
            "none" => null,
            "true" or "t" or "yes" or "y" or "1" or "on" => true,
            "false" or "f" or "no" or "n" or "0" or "off" => false,
            _ => throw new InvalidException($"Invalid is_public filter [{raw}]"),
        };
    }
}
