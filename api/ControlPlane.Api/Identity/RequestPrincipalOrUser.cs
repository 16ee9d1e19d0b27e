namespace ControlPlane.Api.Identity;

/// <summary>The caller of an identity token operation (any valid token, possibly unscoped).</summary>
public sealed record RequestPrincipalOrUser(string UserId, bool IsAdmin);
