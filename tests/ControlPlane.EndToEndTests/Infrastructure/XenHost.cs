namespace ControlPlane.EndToEndTests.Infrastructure;

/// <summary>One XAPI host the tests can reach: an entry of <c>.run/xapisim.json</c>, or a host a test started itself.</summary>
public sealed record XenHost(string Name, Uri Url, string Username, string Password)
{
    /// <summary>Opens a XenAPI session on this host (logged in on its first call).</summary>
    public XenConnection Connect() => new(this);
}
