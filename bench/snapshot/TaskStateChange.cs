namespace ControlPlane.Bench.Snapshot;

/// <summary>The server's task state (or the image's status, prefixed <c>image:</c>) as first seen, seconds after the createImage POST.</summary>
public sealed record TaskStateChange(string State, double AtSeconds);
