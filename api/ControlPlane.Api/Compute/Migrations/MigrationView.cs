using System.Globalization;
using System.Text.Json.Nodes;
using ControlPlane.Api.Microversions;
using ControlPlane.Data.Resize;

namespace ControlPlane.Api.Compute.Migrations;

/// <summary>One entry of <c>GET /os-migrations</c> as Nova renders it at a microversion (2.23 <c>migration_type</c>,
/// 2.59 <c>uuid</c>, 2.80 <c>user_id</c>/<c>project_id</c>).</summary>
public static class MigrationView
{
    /// <summary>The JSON of <paramref name="m"/> at <paramref name="version"/>.</summary>
    public static JsonObject Render(MigrationRecord m, ApiVersion version)
    {
        ArgumentNullException.ThrowIfNull(m);
        var body = new JsonObject
        {
            ["id"] = m.Id,
            ["instance_uuid"] = m.InstanceId.ToString("D"),
            ["source_compute"] = m.SourceCompute,
            ["source_node"] = m.SourceNode,
            ["dest_compute"] = m.DestCompute,
            ["dest_node"] = m.DestNode,
            ["dest_host"] = m.DestHost,
            ["old_instance_type_id"] = FlavorNumber(m.OldFlavorId),
            ["new_instance_type_id"] = FlavorNumber(m.NewFlavorId),
            ["status"] = m.Status,
            ["created_at"] = Time(m.CreatedAt),
            ["updated_at"] = Time(m.UpdatedAt),
        };
        if (version.AtLeast(23))
        {
            body["migration_type"] = m.MigrationType;
        }
        if (version.AtLeast(59))
        {
            body["uuid"] = m.Uuid.ToString("D");
        }
        if (version.AtLeast(80))
        {
            body["user_id"] = m.UserId;
            body["project_id"] = m.ProjectId;
        }
        return body;
    }

    // NOTE(api): Nova shows its internal integer flavor id here; ours are the public flavor ids, shown as numbers when
    // they are numeric (the default flavors) and null otherwise, so the integer-or-null schema of the clients holds.
    private static JsonNode? FlavorNumber(string? id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n) : null;

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
}
