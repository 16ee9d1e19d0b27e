using System.Text.Json.Nodes;
using ControlPlane.Api.Edge;
using ControlPlane.Api.Microversions;
using ControlPlane.Api.Policy;
using ControlPlane.Data.Resize;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.Migrations;

/// <summary>Nova's <c>GET /os-migrations</c> (admin): filters host, status, instance_uuid, migration_type; from 2.59
/// <c>limit</c>/<c>marker</c> (a migration uuid), <c>changes-since</c> and newest first; 2.66 <c>changes-before</c>;
/// 2.80 <c>user_id</c>/<c>project_id</c>.</summary>
public static class MigrationEndpoints
{
    private const int MaxLimit = 1000;

    /// <summary>Maps the route on the compute group.</summary>
    public static RouteGroupBuilder MapMigrations(this RouteGroupBuilder group)
    {
        group.MapGet("/os-migrations", ListAsync).RequirePolicy("os_compute_api:os-migrations:index");
        return group;
    }

    private static async Task<IResult> ListAsync(HttpContext ctx, MigrationStore store)
    {
        var version = ctx.Microversion();
        var q = ctx.Request.Query;
        var query = new MigrationQuery
        {
            Host = QueryParams.Get(q, "host"),
            Status = QueryParams.Get(q, "status"),
            InstanceId = QueryParams.Get(q, "instance_uuid") is { } i
                ? Guid.TryParse(i, out var g) ? g : throw new InvalidException($"Invalid input for query parameters instance_uuid. Value: {i}. '{i}' is not a 'uuid'")
                : null,
            MigrationType = QueryParams.Get(q, "migration_type"),
        };
        if (version.AtLeast(59))
        {
            query = query with
            {
                NewestFirst = true,
                Limit = QueryParams.Limit(q, MaxLimit),
                ChangesSince = QueryParams.Time(q, "changes-since"),
                MarkerId = await MarkerAsync(store, QueryParams.Get(q, "marker"), ctx.RequestAborted),
            };
        }
        if (version.AtLeast(66))
        {
            query = query with { ChangesBefore = QueryParams.Time(q, "changes-before") };
        }
        if (version.AtLeast(80))
        {
            query = query with { UserId = QueryParams.Get(q, "user_id"), ProjectId = QueryParams.Get(q, "project_id") };
        }
        var list = await store.ListAsync(query, ctx.RequestAborted);
        var body = new JsonObject
        {
            ["migrations"] = new JsonArray(list.Select(m => (JsonNode?)MigrationView.Render(m, version)).ToArray()),
        };
        if (version.AtLeast(59) && query.Limit is { } limit && list.Count == limit && limit > 0)
        {
            body["migrations_links"] = new JsonArray(new JsonObject
            {
                ["rel"] = "next",
                ["href"] = $"{ctx.Request.Scheme}://{ctx.Request.Host}{ctx.Request.PathBase}{ctx.Request.Path}?limit={limit}&marker={list[^1].Uuid:D}",
            });
        }
        return Results.Json(body);
    }

    private static async Task<long?> MarkerAsync(MigrationStore store, string? marker, CancellationToken cancellationToken)
    {
        if (marker is null)
        {
            return null;
        }
        var found = Guid.TryParse(marker, out var uuid) ? await store.GetAsync(uuid, cancellationToken) : null;
        return found?.Id ?? throw new InvalidException($"Marker {marker} could not be found.");
    }
}
