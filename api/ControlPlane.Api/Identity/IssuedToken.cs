using ControlPlane.Data.Identity;

namespace ControlPlane.Api.Identity;

/// <summary>A token with the records needed to render its Keystone body.</summary>
public sealed record IssuedToken(string Token, TokenPayload Payload, UserRecord User, ProjectRecord? Project, IReadOnlyList<(string Id, string Name)> Roles);
