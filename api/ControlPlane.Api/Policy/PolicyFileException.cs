namespace ControlPlane.Api.Policy;

/// <summary>A policy file (built-in or the operator's <c>Api:PolicyFile</c>) that cannot be used; the api refuses to start.</summary>
public sealed class PolicyFileException(string message, Exception? inner = null) : Exception(message, inner);
