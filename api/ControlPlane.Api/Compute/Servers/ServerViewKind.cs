namespace ControlPlane.Api.Compute.Servers;

/// <summary>Which Nova view of a server is rendered: they differ in the fields they carry.</summary>
public enum ServerViewKind
{
    /// <summary><c>GET /servers/{id}</c>: every field, plus <c>server_groups</c> from 2.71.</summary>
    Show,

    /// <summary>An item of <c>GET /servers/detail</c>: every field except <c>server_groups</c>.</summary>
    Detail,

    /// <summary><c>PUT /servers/{id}</c>: the common fields only before 2.75, then as <see cref="Show"/>.</summary>
    Update,
}
