using ControlPlane.ImageStore.Images;

namespace ControlPlane.ImageStore.Auth;

/// <summary>Turns an <c>X-Auth-Token</c> into the caller it identifies.</summary>
public interface ITokenValidator
{
    /// <summary>
    /// The caller of a valid, project-scoped token; throws
    /// <see cref="ControlPlane.Domain.Errors.NotAuthenticatedException"/> for an invalid or expired
    /// token and <see cref="ControlPlane.Domain.Errors.ServiceUnavailableException"/> when identity
    /// cannot be reached.
    /// </summary>
    Task<ImageCaller> ValidateAsync(string token, CancellationToken cancellationToken);
}
