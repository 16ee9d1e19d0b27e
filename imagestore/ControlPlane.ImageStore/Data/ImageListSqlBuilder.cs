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
    private static readonly Dictionary<string, string> SortExpressions = new(StringComparer.Ordinal)
    {
        ["name"] = "COALESCE({0}.name, '')",
        ["status"] = "{0}.status",
        ["visibility"] = "{0}.visibility",
        ["owner"] = "{0}.owner",
        ["container_format"] = "COALESCE({0}.container_format, '')",
        ["disk_format"] = "COALESCE({0}.disk_format, '')",
        ["size"] = "COALESCE({0}.size, -1)",
        ["virtual_size"] = "COALESCE({0}.virtual_size, -1)",
        ["min_ram"] = "{0}.min_ram",
        ["min_disk"] = "{0}.min_disk",
        ["created_at"] = "{0}.created_at",
        ["updated_at"] = "{0}.updated_at",
        ["id"] = "{0}.id",
    };

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

        var keys = query.Sort.Where(k => k.Key != "id").ToList();
        keys.Add(new ImageSortKey("id", query.Sort.FirstOrDefault(k => k.Key == "id")?.Descending ?? (keys.Count == 0 || keys[0].Descending)));

        var from = "images i";
        if (query.Marker is { } marker)
        {
            from += $" JOIN images mk ON mk.id = {Param(marker, NpgsqlDbType.Uuid)}";
            where.Add(KeysetCondition(keys));
        }

        var order = string.Join(", ", keys.Select(k => $"{Expression(k.Key, "i")} {(k.Descending ? "DESC" : "ASC")}"));
        var sql = new StringBuilder()
            .Append("SELECT ").Append(ImageRowReader.Columns)
            .Append(" FROM ").Append(from)
            .Append(" WHERE ").Append(string.Join(" AND ", where))
            .Append(" ORDER BY ").Append(order)
            .Append(" LIMIT ").Append(Param(query.Limit, NpgsqlDbType.Integer))
            .ToString();
        return new SqlQuery(sql, parameters);
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

    private static string KeysetCondition(IReadOnlyList<ImageSortKey> keys)
    {
        var alternatives = new List<string>();
        for (var i = 0; i < keys.Count; i++)
        {
            var terms = new List<string>();
            for (var j = 0; j < i; j++)
            {
                terms.Add($"{Expression(keys[j].Key, "i")} = {Expression(keys[j].Key, "mk")}");
            }
            terms.Add($"{Expression(keys[i].Key, "i")} {(keys[i].Descending ? "<" : ">")} {Expression(keys[i].Key, "mk")}");
            alternatives.Add("(" + string.Join(" AND ", terms) + ")");
        }
        return "(" + string.Join(" OR ", alternatives) + ")";
    }

    private static string Expression(string key, string alias) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, SortExpressions[key], alias);
}
