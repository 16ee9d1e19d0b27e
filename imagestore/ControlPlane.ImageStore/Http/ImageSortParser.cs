using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Data;

namespace ControlPlane.ImageStore.Http;

/// <summary>
/// Parses the order of <c>GET /v2/images</c> as Glance does (<c>sort=k1:dir,k2</c>, or repeated
/// <c>sort_key</c>/<c>sort_dir</c>), bounded so that hostile input costs nothing: each key must be one
/// of <see cref="ImageListSqlBuilder.SortableKeys"/> and may appear once, so there are never more keys
/// than sortable attributes; the <c>sort</c> value is scanned in place (no split into pieces) and
/// refused at the first unknown or repeated key.
/// </summary>
public static class ImageSortParser
{
    /// <summary>Longest accepted <c>sort</c> value: every sortable key once with a direction.</summary>
    public static readonly int MaxSortLength = ImageListSqlBuilder.SortableKeys.Sum(k => k.Length + ":desc,".Length);

    /// <summary>The sort keys of <paramref name="query"/>, most significant first (default: created_at desc).</summary>
    public static IReadOnlyList<ImageSortKey> Parse(IQueryCollection query)
    {
        var keys = query["sort_key"];
        var dirs = query["sort_dir"];
        var sort = query["sort"];
        if (sort.Count > 1)
        {
            throw new InvalidException("Parameter 'sort' may be given only once.");
        }
        if (sort.Count == 1)
        {
            if (keys.Count > 0 || dirs.Count > 0)
            {
                throw new InvalidException("The 'sort' parameter cannot be combined with 'sort_key' or 'sort_dir'.");
            }
            return ParseSort(sort[0] ?? string.Empty);
        }
        if (keys.Count > ImageListSqlBuilder.SortableKeys.Count || dirs.Count > ImageListSqlBuilder.SortableKeys.Count)
        {
            throw new InvalidException($"At most {ImageListSqlBuilder.SortableKeys.Count} sort keys may be given, each once.");
        }
        if (keys.Count == 0)
        {
            return dirs.Count switch
            {
                0 => [new ImageSortKey("created_at", true)],
                1 => [new ImageSortKey("created_at", Direction(dirs[0] ?? string.Empty))],
                _ => throw new InvalidException("Number of sort dirs does not match the number of sort keys"),
            };
        }
        if (dirs.Count > 1 && dirs.Count != keys.Count)
        {
            throw new InvalidException("Number of sort dirs does not match the number of sort keys");
        }
        var result = new List<ImageSortKey>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            var descending = dirs.Count == 0 || Direction(dirs[dirs.Count == 1 ? 0 : i] ?? string.Empty);
            Add(result, Key((keys[i] ?? string.Empty).AsSpan()), descending);
        }
        return result;
    }

    private static List<ImageSortKey> ParseSort(string sort)
    {
        if (sort.Length > MaxSortLength)
        {
            throw new InvalidException($"The 'sort' parameter is too long: at most {ImageListSqlBuilder.SortableKeys.Count} keys, each once.");
        }
        var result = new List<ImageSortKey>();
        var rest = sort.AsSpan();
        while (true)
        {
            var comma = rest.IndexOf(',');
            var part = comma < 0 ? rest : rest[..comma];
            var colon = part.IndexOf(':');
            var key = (colon < 0 ? part : part[..colon]).Trim();
            var dir = colon < 0 ? "desc".AsSpan() : part[(colon + 1)..].Trim();
            if (dir.Contains(':'))
            {
                throw new InvalidException($"Invalid sort value: {part.ToString()}");
            }
            Add(result, Key(key), Direction(dir));
            if (comma < 0)
            {
                return result;
            }
            rest = rest[(comma + 1)..];
        }
    }

    private static void Add(List<ImageSortKey> result, string key, bool descending)
    {
        foreach (var existing in result)
        {
            if (existing.Key == key)
            {
                throw new InvalidException($"Sort key {key} is given more than once.");
            }
        }
        result.Add(new ImageSortKey(key, descending));
    }

    private static string Key(ReadOnlySpan<char> key)
    {
        foreach (var known in ImageListSqlBuilder.SortableKeys)
        {
            if (key.SequenceEqual(known))
            {
                return known;
            }
        }
        throw new InvalidException($"Invalid sort key: {Shorten(key)}. It is not one of the allowed keys.");
    }

    private static bool Direction(ReadOnlySpan<char> dir) => dir switch
    {
        "asc" => false,
        "desc" => true,
        _ => throw new InvalidException($"Invalid sort direction: {Shorten(dir)}"),
    };

    private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : text[..40].ToString() + "...";
}
