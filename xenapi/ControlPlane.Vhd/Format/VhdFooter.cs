using System.Buffers.Binary;
using System.Text;
using ControlPlane.Vhd.Errors;

namespace ControlPlane.Vhd.Format;

/// <summary>The 512-byte hard disk footer (at EOF, and mirrored at offset 0 of dynamic and differencing disks).</summary>
public sealed record VhdFooter
{
    public const int Size = 512;
    public const uint FeatureTemporary = 0x1;
    public const uint FeatureReserved = 0x2;
    public const uint Version1 = 0x00010000;
    internal const int ChecksumOffset = 64;
    internal const int HiddenOffset = 85;
    private static ReadOnlySpan<byte> Cookie => "conectix"u8;

    public uint Features { get; init; } = FeatureReserved;
    public uint FormatVersion { get; init; } = Version1;
    /// <summary>Offset of the dynamic header, or <see cref="ulong.MaxValue"/> for fixed disks.</summary>
    public ulong DataOffset { get; init; } = ulong.MaxValue;
    /// <summary>Seconds since 2000-01-01 UTC (see <see cref="VhdTimestamp"/>).</summary>
    public uint Timestamp { get; init; }
    /// <summary>Four ASCII characters, e.g. <c>tap\0</c>, <c>qemu</c>, <c>vpc </c>.</summary>
    public string CreatorApplication { get; init; } = "tap\0";
    public uint CreatorVersion { get; init; } = 0x00010003;
    public uint CreatorHostOs { get; init; }
    public ulong OriginalSize { get; init; }
    public ulong CurrentSize { get; init; }
    public VhdGeometry Geometry { get; init; }
    public VhdDiskType DiskType { get; init; }
    /// <summary>Checksum as stored (on parse) or as last written.</summary>
    public uint Checksum { get; init; }
    public Guid UniqueId { get; init; }
    public bool SavedState { get; init; }
    /// <summary>blktap's hidden flag, byte 85 (reserved in MSVHD); XenServer marks base copies hidden.</summary>
    public bool Hidden { get; init; }

    public DateTimeOffset TimestampUtc => VhdTimestamp.ToDateTime(Timestamp);

    /// <summary>Parses a footer. Throws <see cref="VhdFormatException"/> for a bad cookie, checksum, version, type or size.</summary>
    public static VhdFooter Parse(ReadOnlySpan<byte> bytes, bool verifyChecksum = true)
    {
        if (bytes.Length < Size)
        {
            throw new VhdFormatException(VhdErrorCode.Truncated, "footer shorter than 512 bytes");
        }

        bytes = bytes[..Size];
        if (!bytes[..8].SequenceEqual(Cookie))
        {
            throw new VhdFormatException(VhdErrorCode.BadFooterCookie, "footer cookie is not 'conectix'");
        }

        uint stored = BinaryPrimitives.ReadUInt32BigEndian(bytes[ChecksumOffset..]);
        if (verifyChecksum && stored != VhdChecksum.Compute(bytes, ChecksumOffset) && !LegacyChecksumMatches(bytes, stored))
        {
            throw new VhdFormatException(VhdErrorCode.FooterChecksumMismatch, "footer checksum mismatch");
        }

        var footer = new VhdFooter
        {
            Features = BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]),
            FormatVersion = BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]),
            DataOffset = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            Timestamp = BinaryPrimitives.ReadUInt32BigEndian(bytes[24..]),
            CreatorApplication = Encoding.Latin1.GetString(bytes.Slice(28, 4)),
            CreatorVersion = BinaryPrimitives.ReadUInt32BigEndian(bytes[32..]),
            CreatorHostOs = BinaryPrimitives.ReadUInt32BigEndian(bytes[36..]),
            OriginalSize = BinaryPrimitives.ReadUInt64BigEndian(bytes[40..]),
            CurrentSize = BinaryPrimitives.ReadUInt64BigEndian(bytes[48..]),
            Geometry = VhdGeometry.Decode(BinaryPrimitives.ReadUInt32BigEndian(bytes[56..])),
            DiskType = (VhdDiskType)BinaryPrimitives.ReadUInt32BigEndian(bytes[60..]),
            Checksum = stored,
            UniqueId = new Guid(bytes.Slice(68, 16), bigEndian: true),
            SavedState = bytes[84] != 0,
            Hidden = bytes[HiddenOffset] != 0,
        };

        if (footer.FormatVersion >> 16 != 1)
        {
            throw new VhdFormatException(VhdErrorCode.UnsupportedVersion, $"footer version 0x{footer.FormatVersion:x8} is not 1.x");
        }

        if (footer.DiskType is not (VhdDiskType.Fixed or VhdDiskType.Dynamic or VhdDiskType.Differencing))
        {
            throw new VhdFormatException(VhdErrorCode.UnsupportedDiskType, $"disk type {(uint)footer.DiskType} is not fixed, dynamic or differencing");
        }

        if (footer.CurrentSize > VhdLimits.MaxDiskSize || footer.CurrentSize % VhdLimits.SectorSize != 0)
        {
            throw new VhdFormatException(VhdErrorCode.InvalidSize, $"virtual size {footer.CurrentSize} is above 2 TiB or not a multiple of 512");
        }

        return footer;
    }

    /// <summary>Serialises the footer into 512 bytes, computing the checksum. Returns the checksum written.</summary>
    public uint WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException("destination shorter than 512 bytes", nameof(destination));
        }

        Span<byte> b = destination[..Size];
        b.Clear();
        Cookie.CopyTo(b);
        BinaryPrimitives.WriteUInt32BigEndian(b[8..], Features);
        BinaryPrimitives.WriteUInt32BigEndian(b[12..], FormatVersion);
        BinaryPrimitives.WriteUInt64BigEndian(b[16..], DataOffset);
        BinaryPrimitives.WriteUInt32BigEndian(b[24..], Timestamp);
        WriteFourCc(b.Slice(28, 4), CreatorApplication);
        BinaryPrimitives.WriteUInt32BigEndian(b[32..], CreatorVersion);
        BinaryPrimitives.WriteUInt32BigEndian(b[36..], CreatorHostOs);
        BinaryPrimitives.WriteUInt64BigEndian(b[40..], OriginalSize);
        BinaryPrimitives.WriteUInt64BigEndian(b[48..], CurrentSize);
        BinaryPrimitives.WriteUInt32BigEndian(b[56..], Geometry.Encoded);
        BinaryPrimitives.WriteUInt32BigEndian(b[60..], (uint)DiskType);
        UniqueId.TryWriteBytes(b.Slice(68, 16), bigEndian: true, out _);
        b[84] = SavedState ? (byte)1 : (byte)0;
        b[HiddenOffset] = Hidden ? (byte)1 : (byte)0;
        uint checksum = VhdChecksum.Compute(b, ChecksumOffset);
        BinaryPrimitives.WriteUInt32BigEndian(b[ChecksumOffset..], checksum);
        return checksum;
    }

    /// <summary>The footer as 512 bytes.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>A copy with the checksum field set to what <see cref="WriteTo"/> would write.</summary>
    public VhdFooter WithComputedChecksum()
    {
        Span<byte> b = stackalloc byte[Size];
        return this with { Checksum = WriteTo(b) };
    }

    internal static void WriteFourCc(Span<byte> destination, string value)
    {
        destination.Clear();
        for (int i = 0; i < Math.Min(4, value.Length); i++)
        {
            destination[i] = (byte)value[i];
        }
    }

    // NOTE(vhd): libvhd accepts a checksum computed with hidden = 0 for tap 0.1/1.1 files (old blktap quirk).
    private static bool LegacyChecksumMatches(ReadOnlySpan<byte> bytes, uint stored)
    {
        if (bytes[HiddenOffset] == 0 || !bytes.Slice(28, 4).SequenceEqual("tap\0"u8))
        {
            return false;
        }

        uint version = BinaryPrimitives.ReadUInt32BigEndian(bytes[32..]);
        if (version is not (0x00000001 or 0x00010001))
        {
            return false;
        }

        Span<byte> copy = stackalloc byte[Size];
        bytes.CopyTo(copy);
        copy[HiddenOffset] = 0;
        return stored == VhdChecksum.Compute(copy, ChecksumOffset);
    }
}
