namespace ControlPlane.Data.Identity;

/// <summary>A project row of the identity tables.</summary>
public sealed record ProjectRecord(string Id, string Name, string DomainId, bool Enabled);
