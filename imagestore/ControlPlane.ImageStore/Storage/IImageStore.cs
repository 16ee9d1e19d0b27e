namespace ControlPlane.ImageStore.Storage;

/// <summary>
/// Where image bits live. Implementations write to a private temporary location while hashing,
/// make the data visible under the image id only once it is complete, and remove every partial
/// byte when a write fails or is cancelled.
/// </summary>
public interface IImageStore
{
    /// <summary>
    /// Streams <paramref name="source"/> into the store as the data of <paramref name="imageId"/>,
    /// computing size, MD5 and SHA-512 in the same pass. Throws
    /// <see cref="ControlPlane.Domain.Errors.PayloadTooLargeException"/> as soon as more than
    /// <paramref name="maxBytes"/> arrive. On return the data is durable and readable.
    /// </summary>
    Task<StoredImageData> WriteAsync(Guid imageId, Stream source, long maxBytes, CancellationToken cancellationToken);

    /// <summary>Opens the data of <paramref name="imageId"/> for sequential reading, or null when there is none.</summary>
    Stream? OpenRead(Guid imageId);

    /// <summary>Removes the data of <paramref name="imageId"/>; no error when there is none.</summary>
    void Delete(Guid imageId);

    /// <summary>Stable name of this store (same across restarts), recorded on in-flight uploads.</summary>
    string Identity { get; }

    /// <summary>Removes every partial (in-flight) write; only safe before this store accepts uploads.</summary>
    int RemovePartialData();
}
