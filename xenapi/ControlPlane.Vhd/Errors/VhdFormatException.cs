namespace ControlPlane.Vhd.Errors;

/// <summary>A VHD file is malformed, hostile or unusable. <see cref="Reason"/> says why.</summary>
public sealed class VhdFormatException : IOException
{
    public VhdFormatException(VhdErrorCode reason, string message, string? path = null)
        : base(path is null ? message : $"{path}: {message}")
    {
        Reason = reason;
        FilePath = path;
    }

    /// <summary>Machine-readable reason.</summary>
    public VhdErrorCode Reason { get; }

    /// <summary>The file concerned, when known.</summary>
    public string? FilePath { get; }
}
