using System.Globalization;
using System.Text.Json.Nodes;
using ControlPlane.Data.KeyPairs;

namespace ControlPlane.Api.Compute.KeyPairs;

/// <summary>Key pair bodies per tempest's v2_1 / v2_2 keypairs schemas (<c>type</c> from 2.2).</summary>
public static class KeyPairView
{
    /// <summary>The create/import answer; <paramref name="privateKey"/> only for a generated pair.</summary>
    public static JsonObject Created(KeyPairRecord k, string? privateKey, bool withType)
    {
        var o = new JsonObject { ["name"] = k.Name, ["public_key"] = k.PublicKey, ["fingerprint"] = k.Fingerprint, ["user_id"] = k.UserId };
        if (privateKey is not null)
        {
            o["private_key"] = privateKey;
        }
        AddType(o, k, withType);
        return new JsonObject { ["keypair"] = o };
    }

    /// <summary>One entry of the list.</summary>
    public static JsonObject Summary(KeyPairRecord k, bool withType)
    {
        var o = new JsonObject { ["name"] = k.Name, ["public_key"] = k.PublicKey, ["fingerprint"] = k.Fingerprint };
        AddType(o, k, withType);
        return new JsonObject { ["keypair"] = o };
    }

    /// <summary>The show answer.</summary>
    public static JsonObject Detail(KeyPairRecord k, bool withType)
    {
        var o = new JsonObject
        {
            ["name"] = k.Name, ["public_key"] = k.PublicKey, ["fingerprint"] = k.Fingerprint, ["user_id"] = k.UserId,
            ["deleted"] = false, ["created_at"] = Time(k.CreatedAt), ["updated_at"] = k.UpdatedAt is { } u ? Time(u) : null,
            ["deleted_at"] = null, ["id"] = k.Id,
        };
        AddType(o, k, withType);
        return new JsonObject { ["keypair"] = o };
    }

    private static void AddType(JsonObject o, KeyPairRecord k, bool withType)
    {
        if (withType)
        {
            o["type"] = k.Type;
        }
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
}
