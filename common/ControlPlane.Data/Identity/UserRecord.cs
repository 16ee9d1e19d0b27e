namespace ControlPlane.Data.Identity;

/// <summary>A user row of the identity tables.</summary>
public sealed record UserRecord(string Id, string Name, string DomainId, string PasswordHash, string? DefaultProjectId, bool Enabled);
