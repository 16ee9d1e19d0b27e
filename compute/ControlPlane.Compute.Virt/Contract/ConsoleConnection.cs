namespace ControlPlane.Compute.Virt.Contract;

/// <summary>How a console proxy reaches an instance's console (Nova's <c>ctype.ConsoleVNC</c>).</summary>
/// <param name="Host">TCP host (XenAPI: the XAPI host address the proxy can reach).</param>
/// <param name="Port">TCP port (XenAPI: XAPI's HTTP port).</param>
/// <param name="InternalAccessPath">HTTP CONNECT target, e.g. <c>/console?ref=OpaqueRef:…&amp;session_id=OpaqueRef:…</c>;
/// empty when host:port speaks RFB directly.</param>
public sealed record ConsoleConnection(string Host, int Port, string InternalAccessPath);
