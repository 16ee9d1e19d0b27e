using System.Globalization;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Edge;

/// <summary>Query-string parsing with Nova's messages.</summary>
public static class QueryParams
{
    /// <summary>The last value of <paramref name="name"/>, or <c>null</c>.</summary>
    public static string? Get(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var v) && v.Count > 0 ? v[^1] : null;

    /// <summary>A non-negative integer parameter, or <c>null</c>; 400 otherwise.</summary>
    public static int? NonNegative(IQueryCollection query, string name, string? message = null)
    {
        var raw = Get(query, name);
        if (raw is null)
        {
            return null;
        }
        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidException(message ?? $"{name} param must be an integer");
    }

    /// <summary>The page size: <c>limit</c> capped at <paramref name="max"/> (Nova's osapi_max_limit).</summary>
    public static int Limit(IQueryCollection query, int max)
    {
        var limit = NonNegative(query, "limit", "limit param must be an integer");
        return Math.Min(limit ?? max, max);
    }

    /// <summary>An ISO 8601 time parameter, or <c>null</c>; 400 otherwise.</summary>
    public static DateTimeOffset? Time(IQueryCollection query, string name)
    {
        var raw = Get(query, name);
        if (raw is null)
        {
            return null;
        }
        return DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : throw new InvalidException($"Invalid input for query parameters {name}. Value: {raw}. '{raw}' is not a 'date-time'");
    }

    /// <summary>400 for a parameter not in <paramref name="allowed"/> (Nova's strict query schemas from 2.75).</summary>
    public static void RejectUnknown(IQueryCollection query, IReadOnlySet<string> allowed)
    {
        foreach (var key in query.Keys)
        {
            if (!allowed.Contains(key))
            {
                throw new InvalidException($"Invalid input for query parameters {key}. Value: {Get(query, key)}. Additional properties are not allowed ('{key}' was unexpected)");
            }
        }
    }
}
