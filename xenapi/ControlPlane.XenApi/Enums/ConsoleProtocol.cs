namespace ControlPlane.XenApi.Enums;

/// <summary>console <c>protocol</c> (wire: <c>vt100</c>, <c>rfb</c>, <c>rdp</c>).</summary>
public enum ConsoleProtocol { Unknown, Vt100, Rfb, Rdp }
