namespace ControlPlane.Vhd.Errors;

/// <summary>Why a VHD could not be parsed or used. Stable values: callers map them to their own errors.</summary>
public enum VhdErrorCode
{
    /// <summary>The file is shorter than its structures say.</summary>
    Truncated = 1,
    /// <summary>The footer cookie is not <c>conectix</c>.</summary>
    BadFooterCookie,
    /// <summary>The footer checksum does not match its bytes.</summary>
    FooterChecksumMismatch,
    /// <summary>The footer or header format version is not 1.x.</summary>
    UnsupportedVersion,
    /// <summary>The disk type is not fixed (2), dynamic (3) or differencing (4).</summary>
    UnsupportedDiskType,
    /// <summary>The virtual size is above <see cref="VhdLimits.MaxDiskSize"/> or not sector-aligned.</summary>
    InvalidSize,
    /// <summary>The footer's data offset does not point at a dynamic header inside the file.</summary>
    BadDataOffset,
    /// <summary>The dynamic header cookie is not <c>cxsparse</c>.</summary>
    BadHeaderCookie,
    /// <summary>The dynamic header checksum does not match its bytes.</summary>
    HeaderChecksumMismatch,
    /// <summary>The block size is not a power of two in the supported range.</summary>
    InvalidBlockSize,
    /// <summary>The BAT is too small for the virtual size, too large, or lies outside the file.</summary>
    InvalidTable,
    /// <summary>A BAT entry points outside the file or into the footer.</summary>
    BatEntryOutOfRange,
    /// <summary>Two blocks, or a block and metadata, overlap.</summary>
    BlocksOverlap,
    /// <summary>A parent locator is malformed or points outside the file.</summary>
    InvalidLocator,
    /// <summary>No parent locator of a differencing disk names an existing file.</summary>
    ParentMissing,
    /// <summary>The parent's footer unique id differs from the child's recorded parent id.</summary>
    ParentIdMismatch,
    /// <summary>The parent chain loops back to a disk already in it.</summary>
    ChainCycle,
    /// <summary>The parent chain is deeper than <see cref="VhdLimits.MaxChainDepth"/>.</summary>
    ChainTooDeep,
    /// <summary>The primary footer and its copy at offset 0 disagree or the copy is damaged.</summary>
    FooterMismatch,
    /// <summary>A field that must hold a fixed value (reserved bits, data offset, flags) does not.</summary>
    InvalidField,
}
