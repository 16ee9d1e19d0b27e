namespace ControlPlane.Api.Compute.Servers;

/// <summary>The result of a create: the new server's id, its admin password and reservation id.</summary>
public sealed record CreatedServer(Guid Id, string AdminPass, string ReservationId, bool AutoDiskConfig);
