namespace ControlPlane.Api.Identity;

/// <summary>What a token carries, signed: who, for which project, with which roles, until when.</summary>
/// <param name="TokenId">Random 16 bytes (hex); the key of a revocation.</param>
/// <param name="UserId">The authenticated user.</param>
/// <param name="ProjectId">The scoped project, or empty for an unscoped token.</param>
/// <param name="Roles">Role names on the project.</param>
/// <param name="Methods">Authentication methods (password, token).</param>
/// <param name="IssuedAt">Issue time.</param>
/// <param name="ExpiresAt">Expiry time.</param>
public sealed record TokenPayload(
    string TokenId,
    string UserId,
    string ProjectId,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Methods,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt);
