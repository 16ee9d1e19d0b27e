namespace ControlPlane.XenApi.Errors;

/// <summary>The peer answered something that is not a well-formed XenAPI response (or HTTP failed).</summary>
public sealed class XenApiProtocolException(string message, Exception? inner = null) : Exception(message, inner);
