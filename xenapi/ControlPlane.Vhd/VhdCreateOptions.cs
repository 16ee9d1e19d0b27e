namespace ControlPlane.Vhd;

/// <summary>Options for creating a VHD. Every property has a usable default.</summary>
public sealed record VhdCreateOptions
{
    public static readonly VhdCreateOptions Default = new();

    /// <summary>Block size of dynamic disks in bytes. Default 2 MiB; a power of two from 4 KiB to 32 MiB.
    /// Differencing disks inherit their parent's block size when it has one.</summary>
    public int BlockSize { get; init; } = VhdLimits.DefaultBlockSize;

    /// <summary>Footer unique id. Default: a new random UUID.</summary>
    public Guid? UniqueId { get; init; }

    /// <summary>Clock for the footer timestamp. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Initial hidden flag (footer byte 85). Default false.</summary>
    public bool Hidden { get; init; }

    /// <summary>Replace an existing file instead of failing. Default false.</summary>
    public bool Overwrite { get; init; }
}
