using Npgsql;
using NpgsqlTypes;

namespace ControlPlane.Data.Instances;

/// <summary>The tag filters of a server list (Nova 2.26); each list null = not filtered on.</summary>
/// <param name="All">The server has every one of these tags (<c>tags</c>).</param>
/// <param name="Any">The server has at least one of these (<c>tags-any</c>).</param>
/// <param name="NotAll">The server does not have all of these (<c>not-tags</c>).</param>
/// <param name="NotAny">The server has none of these (<c>not-tags-any</c>).</param>
public sealed record InstanceTagFilter(IReadOnlyList<string>? All, IReadOnlyList<string>? Any, IReadOnlyList<string>? NotAll, IReadOnlyList<string>? NotAny)
{
    /// <summary>Adds <c>@tags_all</c>, <c>@tags_any</c>, <c>@not_tags</c> and <c>@not_tags_any</c> to <paramref name="cmd"/>.</summary>
    public static void AddParameters(NpgsqlCommand cmd, InstanceTagFilter? filter)
    {
        ArgumentNullException.ThrowIfNull(cmd);
        Add(cmd, "tags_all", filter?.All);
        Add(cmd, "tags_any", filter?.Any);
        Add(cmd, "not_tags", filter?.NotAll);
        Add(cmd, "not_tags_any", filter?.NotAny);
    }

    private static void Add(NpgsqlCommand cmd, string name, IReadOnlyList<string>? tags) =>
        cmd.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)tags?.ToArray() ?? DBNull.Value });
}
