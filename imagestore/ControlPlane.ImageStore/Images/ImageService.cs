using System.Text.Json;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Text;
using ControlPlane.ImageStore.Data;
using ControlPlane.ImageStore.Logging;
using ControlPlane.ImageStore.Patching;
using ControlPlane.ImageStore.Storage;

namespace ControlPlane.ImageStore.Images;

/// <summary>
/// The image metadata API: create, show, list, update, delete, deactivate and reactivate, with
/// Glance's visibility and ownership rules. The HTTP layer parses and calls exactly one method.
/// </summary>
public sealed class ImageService(ImageRepository repository, IImageStore store, TimeProvider timeProvider, ILogger<ImageService> logger)
{
    private const int MaxUpdateAttempts = 5;

    /// <summary>Creates a queued image from a Glance create body.</summary>
    public async Task<Image> CreateAsync(JsonElement body, ImageCaller caller, CancellationToken cancellationToken)
    {
        EnsureCanWrite(caller);
        var image = ImageFactory.Create(body, caller, timeProvider.GetUtcNow());
        await repository.InsertAsync(image, cancellationToken);
        ImageStoreLog.ImageCreated(logger, image.Id, image.Owner);
        return image;
    }

    /// <summary>The image if the caller may see it; 404 otherwise.</summary>
    public async Task<Image> GetAsync(Guid id, ImageCaller caller, CancellationToken cancellationToken) =>
        (await GetVisibleAsync(id, caller, cancellationToken)).Image;

    /// <summary>One page of the images the caller may see; 400 when the marker is not one of them.</summary>
    public async Task<IReadOnlyList<Image>> ListAsync(ImageListQuery query, ImageCaller caller, CancellationToken cancellationToken)
    {
        if (query.Marker is { } marker)
        {
            var found = await repository.GetAsync(marker, caller.ProjectId, cancellationToken);
            if (found is not { } m || !ImageAccessPolicy.CanSee(caller, m.Image, m.IsMember))
            {
                throw new InvalidException($"Invalid marker. Image {marker} could not be found.");
            }
        }
        return await repository.ListAsync(ImageListSqlBuilder.Build(query, caller), cancellationToken);
    }

    /// <summary>Applies PATCH operations (compare-and-set against concurrent status changes).</summary>
    public Task<Image> UpdateAsync(Guid id, IReadOnlyList<PatchOperation> operations, bool draft4, ImageCaller caller, CancellationToken cancellationToken) =>
        MutateAsync(id, caller, image => ImagePatchApplier.Apply(image, operations, caller, draft4), cancellationToken);

    /// <summary>Adds <paramref name="tag"/> (a no-op when present).</summary>
    public Task<Image> AddTagAsync(Guid id, string tag, ImageCaller caller, CancellationToken cancellationToken)
    {
        TextRules.Require(tag, "tag", TextKind.Printable);
        if (tag.Length is 0 or > ImageAttributeRules.MaxStringLength)
        {
            throw new InvalidException($"Tag must be 1 to {ImageAttributeRules.MaxStringLength} characters.");
        }
        return MutateAsync(id, caller, image =>
        {
            var copy = image.Clone();
            if (!copy.Tags.Contains(tag, StringComparer.Ordinal))
            {
                if (copy.Tags.Count >= ImageAttributeRules.MaxTags)
                {
                    throw new PayloadTooLargeException($"Attempted: {copy.Tags.Count + 1}, Maximum: {ImageAttributeRules.MaxTags} image tags.");
                }
                copy.Tags.Add(tag);
            }
            return copy;
        }, cancellationToken);
    }

    /// <summary>Removes <paramref name="tag"/>; 404 when the image does not carry it.</summary>
    public Task<Image> RemoveTagAsync(Guid id, string tag, ImageCaller caller, CancellationToken cancellationToken) =>
        MutateAsync(id, caller, image =>
        {
            var copy = image.Clone();
            return copy.Tags.Remove(tag) ? copy : throw new NotFoundException($"Tag {tag} not found on image {id}.");
        }, cancellationToken);

    /// <summary>Deletes the image and its data; 403 when protected.</summary>
    public async Task DeleteAsync(Guid id, ImageCaller caller, CancellationToken cancellationToken)
    {
        var (image, isMember) = await GetVisibleAsync(id, caller, cancellationToken);
        ImageAccessPolicy.EnsureCanModify(caller, image, isMember);
        if (image.Protected)
        {
            throw new ForbiddenException($"Image {id} is protected and cannot be deleted.");
        }
        if (!await repository.MarkDeletedAsync(id, timeProvider.GetUtcNow(), cancellationToken))
        {
            var now = await repository.GetAsync(id, caller.ProjectId, cancellationToken);
            throw now is null
                ? new NotFoundException($"No image found with ID {id}")
                : new ForbiddenException($"Image {id} is protected and cannot be deleted.");
        }
        // An upload still running finds the image deleted when it completes and discards its data.
        store.Delete(id);
        ImageStoreLog.ImageDeleted(logger, id);
    }

    /// <summary>active -> deactivated (admin or owner); a no-op when already deactivated.</summary>
    public Task DeactivateAsync(Guid id, ImageCaller caller, CancellationToken cancellationToken) =>
        ChangeActivationAsync(id, caller, ImageStatus.Active, ImageStatus.Deactivated, cancellationToken);

    /// <summary>deactivated -> active (admin or owner); a no-op when already active.</summary>
    public Task ReactivateAsync(Guid id, ImageCaller caller, CancellationToken cancellationToken) =>
        ChangeActivationAsync(id, caller, ImageStatus.Deactivated, ImageStatus.Active, cancellationToken);

    /// <summary>The visible image and whether the caller is a member of it; 404 otherwise.</summary>
    internal async Task<(Image Image, bool IsMember)> GetVisibleAsync(Guid id, ImageCaller caller, CancellationToken cancellationToken)
    {
        var found = await repository.GetAsync(id, caller.ProjectId, cancellationToken);
        if (found is not { } f || !ImageAccessPolicy.CanSee(caller, f.Image, f.IsMember))
        {
            throw new NotFoundException($"No image found with ID {id}");
        }
        return f;
    }

    private async Task<Image> MutateAsync(Guid id, ImageCaller caller, Func<Image, Image> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
        {
            var (image, isMember) = await GetVisibleAsync(id, caller, cancellationToken);
            ImageAccessPolicy.EnsureCanModify(caller, image, isMember);
            var changed = change(image);
            changed.UpdatedAt = timeProvider.GetUtcNow();
            if (await repository.UpdateMetadataAsync(changed, image.Status, cancellationToken))
            {
                return changed;
            }
        }
        throw new ConflictException($"Image {id} kept changing while it was being updated; retry.");
    }

    private async Task ChangeActivationAsync(Guid id, ImageCaller caller, string from, string to, CancellationToken cancellationToken)
    {
        var (image, isMember) = await GetVisibleAsync(id, caller, cancellationToken);
        ImageAccessPolicy.EnsureCanModify(caller, image, isMember);
        if (image.Status == to)
        {
            return;
        }
        if (image.Status != from || !await repository.TransitionAsync(id, [from], to, timeProvider.GetUtcNow(), cancellationToken))
        {
            var verb = to == ImageStatus.Active ? "reactivate" : "deactivate";
            throw new ForbiddenException($"Not allowed to {verb} image in status '{image.Status}'");
        }
        ImageStoreLog.ImageStatusChanged(logger, id, to);
    }

    private static void EnsureCanWrite(ImageCaller caller)
    {
        if (!caller.CanWrite)
        {
            throw new ForbiddenException("You are not authorized to create images (needs the member or admin role).");
        }
    }
}
