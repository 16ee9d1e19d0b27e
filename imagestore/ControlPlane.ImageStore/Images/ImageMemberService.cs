using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Data;

namespace ControlPlane.ImageStore.Images;

/// <summary>
/// Glance's image members: the owner (or an admin) shares a <c>shared</c> image with projects;
/// each member project accepts or rejects the share itself. A member sees only its own membership.
/// </summary>
public sealed class ImageMemberService(ImageService images, ImageMemberRepository members, TimeProvider timeProvider)
{
    /// <summary>Adds <paramref name="memberId"/> as a pending member.</summary>
    public async Task<ImageMember> AddAsync(Guid imageId, string memberId, ImageCaller caller, CancellationToken cancellationToken)
    {
        if (memberId.Length is 0 or > ImageAttributeRules.MaxStringLength)
        {
            throw new InvalidException($"Member id must be 1 to {ImageAttributeRules.MaxStringLength} characters.");
        }
        var image = await OwnedSharedImageAsync(imageId, caller, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var member = new ImageMember(image.Id, memberId, "pending", now, now);
        await members.AddAsync(member, cancellationToken);
        return member;
    }

    /// <summary>The members the caller may see: all for the owner or admin, its own otherwise.</summary>
    public async Task<IReadOnlyList<ImageMember>> ListAsync(Guid imageId, ImageCaller caller, CancellationToken cancellationToken)
    {
        var (image, _) = await images.GetVisibleAsync(imageId, caller, cancellationToken);
        if (image.Visibility != ImageVisibility.Shared)
        {
            throw new ForbiddenException("Only shared images have members.");
        }
        var owner = caller.IsAdmin || image.Owner == caller.ProjectId;
        return await members.ListAsync(imageId, owner ? null : caller.ProjectId, cancellationToken);
    }

    /// <summary>One member; 404 when it is not a member or the caller may not see it.</summary>
    public async Task<ImageMember> GetAsync(Guid imageId, string memberId, ImageCaller caller, CancellationToken cancellationToken) =>
        (await ListAsync(imageId, caller, cancellationToken)).FirstOrDefault(m => m.MemberId == memberId)
        ?? throw new NotFoundException($"{memberId} is not a member of image {imageId}.");

    /// <summary>The member itself accepts, rejects or re-pends the share.</summary>
    public async Task<ImageMember> SetStatusAsync(Guid imageId, string memberId, string status, ImageCaller caller, CancellationToken cancellationToken)
    {
        if (!ImageMember.Statuses.Contains(status))
        {
            throw new InvalidException($"Invalid status: {status}; use pending, accepted or rejected.");
        }
        var current = await GetAsync(imageId, memberId, caller, cancellationToken);
        // Glance's modify_member: the member project's member (not a reader-only user) or an admin.
        if ((memberId != caller.ProjectId || !caller.CanWrite) && !caller.IsAdmin)
        {
            throw new ForbiddenException(memberId != caller.ProjectId
                ? "Only the member itself may change its membership status."
                : "You are not authorized to change the membership status (needs the member or admin role).");
        }
        var now = timeProvider.GetUtcNow();
        if (!await members.SetStatusAsync(imageId, memberId, status, now, cancellationToken))
        {
            throw new NotFoundException($"{memberId} is not a member of image {imageId}.");
        }
        return current with { Status = status, UpdatedAt = now };
    }

    /// <summary>The owner (or an admin) removes a member.</summary>
    public async Task RemoveAsync(Guid imageId, string memberId, ImageCaller caller, CancellationToken cancellationToken)
    {
        await OwnedSharedImageAsync(imageId, caller, cancellationToken);
        if (!await members.RemoveAsync(imageId, memberId, cancellationToken))
        {
            throw new NotFoundException($"{memberId} is not a member of image {imageId}.");
        }
    }

    private async Task<Image> OwnedSharedImageAsync(Guid imageId, ImageCaller caller, CancellationToken cancellationToken)
    {
        var (image, isMember) = await images.GetVisibleAsync(imageId, caller, cancellationToken);
        ImageAccessPolicy.EnsureCanModify(caller, image, isMember);
        if (image.Visibility != ImageVisibility.Shared)
        {
            throw new ForbiddenException("Only shared images have members.");
        }
        return image;
    }
}
