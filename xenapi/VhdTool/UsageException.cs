namespace ControlPlane.VhdTool;

/// <summary>Bad command line; reported with the usage text and exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
