namespace ControlPlane.ImageStore.Storage;

/// <summary>What a completed write produced.</summary>
/// <param name="Size">Bytes written.</param>
/// <param name="Md5Hex">Lower-case hex MD5 (Glance's <c>checksum</c>).</param>
/// <param name="Sha512Hex">Lower-case hex SHA-512 (Glance's <c>os_hash_value</c>).</param>
public sealed record StoredImageData(long Size, string Md5Hex, string Sha512Hex)
{
    /// <summary>Value of <c>os_hash_algo</c> for <see cref="Sha512Hex"/>.</summary>
    public const string HashAlgorithm = "sha512";
}
