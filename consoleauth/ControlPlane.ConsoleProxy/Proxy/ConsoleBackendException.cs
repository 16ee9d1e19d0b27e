namespace ControlPlane.ConsoleProxy.Proxy;

/// <summary>The console behind a valid token could not be opened (the proxy answers 502).</summary>
public sealed class ConsoleBackendException(string message, Exception? inner = null) : Exception(message, inner);
