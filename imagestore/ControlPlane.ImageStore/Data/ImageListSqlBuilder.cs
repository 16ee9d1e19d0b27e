using System.Globalization;
using System.Text;
using ControlPlane.ImageStore.Images;
using Npgsql;
using NpgsqlTypes;

namespace ControlPlane.ImageStore.Data;

/// <summary>
/// Builds the SQL of an image listing: visibility for the caller, filters, a total order
/// (the requested keys, then id) and keyset pagination after the marker image. Nullable keys are
/// coalesced identically in ORDER BY and in the marker comparison so that pages never overlap.
/// </summary>
public static class ImageListSqlBuilder
{
    // (key, expression over alias i, expression over the marker alias mk): built once, so a listing
    // allocates nothing per sort key beyond what it appends to its one StringBuilder.
    private static readonly Dictionary<string, (string Row, string Marker)> SortExpressions =
        new (string Key, string Template)[]
        {
            ("name", "COALESCE({0}.name, '')"),
            ("status", "{0}.status"),
            ("visibility", "{0}.visibility"),
            ("owner", "{0}.owner"),
            ("container_format", "COALESCE({0}.container_format, '')"),
            ("disk_format", "COALESCE({0}.disk_format, '')"),
            ("size", "COALESCE({0}.size, -1)"),
            ("virtual_size", "COALESCE({0}.virtual_size, -1)"),
            ("min_ram", "{0}.min_ram"),
            ("min_disk", "{0}.min_disk"),
            ("created_at", "{0}.created_at"),
            ("updated_at", "{0}.updated_at"),
            ("id", "{0}.id"),
        }.ToDictionary(
            e => e.Key,
            e => (string.Format(CultureInfo.InvariantCulture, e.Template, "i"), string.Format(CultureInfo.InvariantCulture, e.Template, "mk")),
            StringComparer.Ordinal);

    /// <summary>Attributes an image listing may be sorted by.</summary>
    public static IReadOnlyCollection<string> SortableKeys => SortExpressions.Keys;

    /// <summary>The SELECT for <paramref name="query"/> as seen by <paramref name="caller"/>; selects <see cref="ImageRowReader.Columns"/> of alias <c>i</c>.</summary>
    public static SqlQuery Build(ImageListQuery query, ImageCaller caller)
    {
        var parameters = new List<NpgsqlParameter>();
        var where = new List<string> { "i.status <> 'deleted'" };

        string Param(object value, NpgsqlDbType type)
        {
            var name = "p" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameters.Add(new NpgsqlParameter(name, type) { Value = value });
            return "@" + name;
        }

        AddVisibility(query, caller, where, Param);
        AddEquals(where, "i.name", query.Name, Param);
        AddEquals(where, "i.status", query.Status, Param);
        AddEquals(where, "i.owner", query.Owner, Param);
        AddEquals(where, "i.container_format", query.ContainerFormat, Param);
        AddEquals(where, "i.disk_format", query.DiskFormat, Param);
        AddEquals(where, "i.checksum", query.Checksum, Param);
        if (query.Tags.Count > 0)
        {
            where.Add($"i.tags @> {Param(query.Tags.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)}");
        }
        if (query.Size is { } size)
        {
            where.Add($"i.size = {Param(size, NpgsqlDbType.Bigint)}");
        }
        if (query.MinRam is { } minRam)
        {
            where.Add($"i.min_ram = {Param(minRam, NpgsqlDbType.Integer)}");
        }
        if (query.MinDisk is { } minDisk)
        {
            where.Add($"i.min_disk = {Param(minDisk, NpgsqlDbType.Integer)}");
        }
        if (query.SizeMin is { } min)
        {
            where.Add($"i.size >= {Param(min, NpgsqlDbType.Bigint)}");
        }
        if (query.SizeMax is { } max)
        {
            where.Add($"i.size <= {Param(max, NpgsqlDbType.Bigint)}");
        }
        where.Add(query.OsHidden is { } hidden ? $"i.os_hidden = {Param(hidden, NpgsqlDbType.Boolean)}" : "NOT i.os_hidden");
        if (query.Protected is { } isProtected)
        {
            where.Add($"i.protected = {Param(isProtected, NpgsqlDbType.Boolean)}");
        }
        foreach (var (key, value) in query.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            where.Add($"i.properties ->> {Param(key, NpgsqlDbType.Text)} = {Param(value, NpgsqlDbType.Text)}");
        }

        if (query.Sort.Count > SortExpressions.Count)
        {
            throw new ArgumentException($"At most {SortExpressions.Count} sort keys (the parser refuses more).", nameof(query));
        }
        var keys = new List<ImageSortKey>(query.Sort.Count + 1);
        ImageSortKey? id = null;
        foreach (var key in query.Sort)
        {
            if (key.Key == "id")
            {
                id = key;
            }
            else
            {
                keys.Add(key);
            }
        }
        keys.Add(id ?? new ImageSortKey("id", keys.Count == 0 || keys[0].Descending));

        var sql = new StringBuilder(1024).Append("SELECT ").Append(ImageRowReader.Columns).Append(" FROM images i");
        var markerParam = query.Marker is { } marker ? Param(marker, NpgsqlDbType.Uuid) : null;
        if (markerParam is not null)
        {
            sql.Append(" JOIN images mk ON mk.id = ").Append(markerParam);
        }
        sql.Append(" WHERE ").AppendJoin(" AND ", where);
        if (markerParam is not null)
        {
            AppendKeysetCondition(sql.Append(" AND "), keys);
        }
        sql.Append(" ORDER BY ");
        for (var k = 0; k < keys.Count; k++)
        {
            sql.Append(k == 0 ? "" : ", ").Append(SortExpressions[keys[k].Key].Row).Append(keys[k].Descending ? " DESC" : " ASC");
        }
        sql.Append(" LIMIT ").Append(Param(query.Limit, NpgsqlDbType.Integer));
        return new SqlQuery(sql.ToString(), parameters);
    }

    private static void AddVisibility(ImageListQuery query, ImageCaller caller, List<string> where, Func<object, NpgsqlDbType, string> param)
    {
        var visibility = query.Visibility;
        var project = param(caller.ProjectId, NpgsqlDbType.Text);
        if (caller.IsAdmin)
        {
            // As Glance: an admin sees every image, but other projects' community images only when asked.
            if (visibility is null)
            {
                where.Add($"(i.visibility <> 'community' OR i.owner = {project})");
            }
            else if (visibility != "all")
            {
                where.Add($"i.visibility = {param(visibility, NpgsqlDbType.Text)}");
            }
            return;
        }

        var memberFilter = query.MemberStatus == "all" ? "" : $" AND m.status = {param(query.MemberStatus, NpgsqlDbType.Text)}";
        var member = $"EXISTS (SELECT 1 FROM image_members m WHERE m.image_id = i.id AND m.member = {project}{memberFilter})";
        where.Add(visibility switch
        {
            ImageVisibility.Public => "i.visibility = 'public'",
            ImageVisibility.Community => "i.visibility = 'community'",
            ImageVisibility.Private => $"(i.visibility = 'private' AND i.owner = {project})",
            ImageVisibility.Shared => $"(i.visibility = 'shared' AND (i.owner = {project} OR {member}))",
            "all" => $"(i.visibility IN ('public', 'community') OR i.owner = {project} OR (i.visibility = 'shared' AND {member}))",
            _ => $"(i.visibility = 'public' OR i.owner = {project} OR (i.visibility = 'shared' AND {member}))",
        });
    }

    private static void AddEquals(List<string> where, string column, string? value, Func<object, NpgsqlDbType, string> param)
    {
        if (value is not null)
        {
            where.Add($"{column} = {param(value, NpgsqlDbType.Text)}");
        }
    }

    // (k0 after m0) OR (k0 = m0 AND k1 after m1) OR ...: quadratic in the key count, which the
    // parser bounds by the number of sortable attributes (each key at most once).
    private static void AppendKeysetCondition(StringBuilder sql, IReadOnlyList<ImageSortKey> keys)
    {
        sql.Append('(');
        for (var i = 0; i < keys.Count; i++)
        {
            sql.Append(i == 0 ? "(" : " OR (");
            for (var j = 0; j < i; j++)
            {
                var equal = SortExpressions[keys[j].Key];
                sql.Append(equal.Row).Append(" = ").Append(equal.Marker).Append(" AND ");
            }
            var after = SortExpressions[keys[i].Key];
            sql.Append(after.Row).Append(keys[i].Descending ? " < " : " > ").Append(after.Marker).Append(')');
        }
        sql.Append(')');
    }
}
