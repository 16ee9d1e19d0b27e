namespace ControlPlane.Data.KeyPairs;

/// <summary>A stored key pair (public half only).</summary>
public sealed record KeyPairRecord(
    int Id, string UserId, string Name, string Type, string Fingerprint, string PublicKey, DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt);
