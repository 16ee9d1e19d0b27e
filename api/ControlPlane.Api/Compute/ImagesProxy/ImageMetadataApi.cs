using System.Text.Json.Nodes;
using ControlPlane.Api.Compute.Images;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Options;
using ControlPlane.Domain.Errors;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Compute.ImagesProxy;

/// <summary>
/// Nova's image metadata proxy (<c>image_metadata.py</c>): an image's properties (its Glance attributes other than
/// <see cref="ImageProxyView.BaseAttributes"/>) read and changed through the imagestore with the user's token (one Glance
/// v2.1 JSON patch per write). At most the <c>metadata_items</c> quota of properties after a write (403, nothing sent).
/// </summary>
public sealed class ImageMetadataApi(ImageServiceClient glance, IOptions<ApiOptions> options)
{
    /// <summary>Every property of the image; 404 "Image not found." when the user cannot see it.</summary>
    public async Task<JsonObject> ListAsync(RequestPrincipal principal, string imageId, CancellationToken cancellationToken) =>
        ImageProxyView.Metadata((await FindAsync(principal, imageId, cancellationToken)).Image);

    /// <summary>One property; 404 "Invalid metadata key" when the image has none of that name.</summary>
    public async Task<JsonNode?> ShowAsync(RequestPrincipal principal, string imageId, string key, CancellationToken cancellationToken)
    {
        var metadata = await ListAsync(principal, imageId, cancellationToken);
        return metadata.TryGetPropertyValue(key, out var value) ? value?.DeepClone() : throw new NotFoundException("Invalid metadata key");
    }

    /// <summary>Merges <paramref name="items"/> into the properties (or replaces them all when <paramref name="replace"/>);
    /// returns the properties after.</summary>
    public async Task<JsonObject> SetAsync(
        RequestPrincipal principal, string imageId, IReadOnlyDictionary<string, string> items, bool replace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(items);
        var (id, image) = await FindAsync(principal, imageId, cancellationToken);
        var current = ImageProxyView.Metadata(image);
        var after = replace ? items.Count : current.Select(p => p.Key).Union(items.Keys).Count();
        var limit = options.Value.QuotaMetadataItems;
        if (limit >= 0 && after > limit)
        {
            throw new OverQuotaException($"Quota exceeded for metadata_items: Requested {after}, but already used 0 of {limit} metadata_items");
        }
        foreach (var key in items.Keys.Where(ImageProxyView.BaseAttributes.Contains))
        {
            throw new InvalidException($"Invalid input for field/attribute metadata. '{key}' is an image attribute, not a property");
        }

        var operations = new JsonArray();
        if (replace)
        {
            foreach (var (key, _) in current.Where(p => !items.ContainsKey(p.Key)))
            {
                operations.Add(new JsonObject { ["op"] = "remove", ["path"] = "/" + Pointer(key) });
            }
        }
        foreach (var (key, value) in items)
        {
            operations.Add(new JsonObject { ["op"] = current.ContainsKey(key) ? "replace" : "add", ["path"] = "/" + Pointer(key), ["value"] = value });
        }
        var updated = operations.Count == 0 ? image : await glance.PatchAsync(id, operations, principal.Token, cancellationToken);
        return ImageProxyView.Metadata(updated);
    }

    /// <summary>Removes one property; 404 "Invalid metadata key" when the image has none of that name.</summary>
    public async Task DeleteAsync(RequestPrincipal principal, string imageId, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var (id, image) = await FindAsync(principal, imageId, cancellationToken);
        if (!ImageProxyView.Metadata(image).ContainsKey(key))
        {
            throw new NotFoundException("Invalid metadata key");
        }
        await glance.PatchAsync(id, [new JsonObject { ["op"] = "remove", ["path"] = "/" + Pointer(key) }], principal.Token, cancellationToken);
    }

    private async Task<(Guid Id, JsonObject Image)> FindAsync(RequestPrincipal principal, string imageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var id = Guid.TryParseExact(imageId, "D", out var g) || Guid.TryParseExact(imageId, "N", out g) ? g : throw new NotFoundException("Image not found.");
        return (id, await glance.FindAsync(id, principal.Token, cancellationToken) ?? throw new NotFoundException("Image not found."));
    }

    /// <summary>RFC 6901 escaping of one JSON pointer segment.</summary>
    private static string Pointer(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
