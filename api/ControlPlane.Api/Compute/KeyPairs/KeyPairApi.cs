using ControlPlane.Api.Identity;
using ControlPlane.Data.KeyPairs;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.KeyPairs;

/// <summary>
/// The service API of key pairs (Nova's <c>compute/api.py KeypairAPI</c>): per user, names unique per
/// user, at most <see cref="MaxPerUser"/> (Nova's default key_pairs quota). Only ssh key pairs.
/// </summary>
public sealed class KeyPairApi(KeyPairStore store, TimeProvider timeProvider)
{
    /// <summary>Key pairs a user may hold (Nova's default <c>key_pairs</c> quota).</summary>
    public const int MaxPerUser = 100;

    /// <summary>Creates (no <paramref name="publicKey"/>: a new RSA pair, private key returned once) or imports a key pair.</summary>
    public async Task<(KeyPairRecord KeyPair, string? PrivateKey)> CreateAsync(RequestPrincipal principal, string name, string? publicKey, CancellationToken cancellationToken)
    {
        string? privateKey = null;
        if (publicKey is null)
        {
            (publicKey, privateKey) = SshKeys.Generate();
        }
        var fingerprint = SshKeys.Validate(publicKey);
        var created = await store.InsertAsync(principal.UserId, name, "ssh", fingerprint, publicKey.Trim(), MaxPerUser, timeProvider.GetUtcNow(), cancellationToken);
        return (created, privateKey);
    }

    /// <summary>The principal's key pairs.</summary>
    public Task<IReadOnlyList<KeyPairRecord>> ListAsync(RequestPrincipal principal, CancellationToken cancellationToken) =>
        store.ListAsync(principal.UserId, cancellationToken);

    /// <summary>One of the principal's key pairs; 404 when unknown.</summary>
    public async Task<KeyPairRecord> GetAsync(RequestPrincipal principal, string name, CancellationToken cancellationToken) =>
        await store.FindAsync(principal.UserId, name, cancellationToken) ?? throw NotFound(principal, name);

    /// <summary>Deletes one of the principal's key pairs; 404 when unknown.</summary>
    public async Task DeleteAsync(RequestPrincipal principal, string name, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(principal.UserId, name, cancellationToken))
        {
            throw NotFound(principal, name);
        }
    }

    private static NotFoundException NotFound(RequestPrincipal principal, string name) =>
        new($"Keypair {name} not found for user {principal.UserId}");
}
