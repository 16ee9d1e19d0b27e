using System.Globalization;
using System.Text.Json;

namespace ControlPlane.Domain.Instances;

/// <summary>
/// The system metadata keys Nova keeps while an instance is shelved (<c>compute/manager.py shelve_instance</c>,
/// <c>compute/utils.py remove_shelved_keys_from_system_metadata</c>): when, into which image and from which host.
/// </summary>
public static class ShelvedMetadata
{
    /// <summary>When the instance was shelved (ISO 8601, UTC).</summary>
    public const string ShelvedAt = "shelved_at";

    /// <summary>The image the shelve snapshot went into (<c>&lt;name&gt;-shelved</c>).</summary>
    public const string ShelvedImageId = "shelved_image_id";

    /// <summary>The host the instance was shelved on.</summary>
    public const string ShelvedHost = "shelved_host";

    /// <summary>Every shelve key (removed by a successful unshelve).</summary>
    public static readonly IReadOnlyList<string> Keys = [ShelvedAt, ShelvedImageId, ShelvedHost];

    /// <summary>The keys a shelve records.</summary>
    public static IReadOnlyDictionary<string, string> For(Guid imageId, string host, DateTimeOffset at) => new Dictionary<string, string>
    {
        [ShelvedAt] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        [ShelvedImageId] = imageId.ToString("D"),
        [ShelvedHost] = host,
    };

    /// <summary>The shelved image recorded in <paramref name="systemMetadataJson"/> (a JSON object of strings), or <c>null</c>.</summary>
    public static Guid? ImageId(string? systemMetadataJson) =>
        Read(systemMetadataJson, ShelvedImageId) is { } value && Guid.TryParse(value, out var id) ? id : null;

    /// <summary>When the instance was shelved according to <paramref name="systemMetadataJson"/>, or <c>null</c>.</summary>
    public static DateTimeOffset? At(string? systemMetadataJson) =>
        Read(systemMetadataJson, ShelvedAt) is { } value
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;

    private static string? Read(string? json, string key)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
    }
}
