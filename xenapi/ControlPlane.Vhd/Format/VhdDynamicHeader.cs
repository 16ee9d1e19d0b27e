using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using ControlPlane.Vhd.Errors;

namespace ControlPlane.Vhd.Format;

/// <summary>The 1024-byte dynamic disk header of dynamic and differencing disks.</summary>
public sealed record VhdDynamicHeader
{
    public const int Size = 1024;
    public const int LocatorCount = 8;
    public const uint Version1 = 0x00010000;
    internal const int ChecksumOffset = 36;
    private const int ParentNameOffset = 64;
    private const int ParentNameBytes = 512;
    private const int LocatorsOffset = 576;
    private static ReadOnlySpan<byte> Cookie => "cxsparse"u8;

    /// <summary>Unused by the format; must be all ones.</summary>
    public ulong DataOffset { get; init; } = ulong.MaxValue;
    /// <summary>Absolute byte offset of the BAT.</summary>
    public ulong TableOffset { get; init; }
    public uint HeaderVersion { get; init; } = Version1;
    public uint MaxTableEntries { get; init; }
    public uint BlockSize { get; init; } = VhdLimits.DefaultBlockSize;
    public uint Checksum { get; init; }
    /// <summary>Footer unique id of the parent (differencing disks), RFC 4122 byte order on disk.</summary>
    public Guid ParentUniqueId { get; init; }
    /// <summary>Parent modification time, seconds since 2000-01-01 UTC.</summary>
    public uint ParentTimestamp { get; init; }
    /// <summary>Parent file name, stored UTF-16BE in 512 bytes.</summary>
    public string ParentUnicodeName { get; init; } = string.Empty;
    /// <summary>Always eight entries.</summary>
    public IReadOnlyList<VhdParentLocator> ParentLocators { get; init; } = new VhdParentLocator[LocatorCount];

    /// <summary>Bytes of sector bitmap in front of each block, padded to a whole sector.</summary>
    public int BitmapBytes => BitmapBytesFor(BlockSize);

    internal static int BitmapBytesFor(uint blockSize) => (int)((blockSize / 512 / 8 + 511) / 512 * 512);

    /// <summary>Parses a header. Throws <see cref="VhdFormatException"/> for a bad cookie, checksum, version or block size.</summary>
    public static VhdDynamicHeader Parse(ReadOnlySpan<byte> bytes, bool verifyChecksum = true)
    {
        if (bytes.Length < Size)
        {
            throw new VhdFormatException(VhdErrorCode.Truncated, "dynamic header shorter than 1024 bytes");
        }

        bytes = bytes[..Size];
        if (!bytes[..8].SequenceEqual(Cookie))
        {
            throw new VhdFormatException(VhdErrorCode.BadHeaderCookie, "dynamic header cookie is not 'cxsparse'");
        }

        uint stored = BinaryPrimitives.ReadUInt32BigEndian(bytes[ChecksumOffset..]);
        if (verifyChecksum && stored != VhdChecksum.Compute(bytes, ChecksumOffset))
        {
            throw new VhdFormatException(VhdErrorCode.HeaderChecksumMismatch, "dynamic header checksum mismatch");
        }

        var locators = new VhdParentLocator[LocatorCount];
        for (int i = 0; i < LocatorCount; i++)
        {
            locators[i] = VhdParentLocator.Parse(bytes.Slice(LocatorsOffset + i * VhdParentLocator.Size, VhdParentLocator.Size));
        }

        var header = new VhdDynamicHeader
        {
            DataOffset = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            TableOffset = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            HeaderVersion = BinaryPrimitives.ReadUInt32BigEndian(bytes[24..]),
            MaxTableEntries = BinaryPrimitives.ReadUInt32BigEndian(bytes[28..]),
            BlockSize = BinaryPrimitives.ReadUInt32BigEndian(bytes[32..]),
            Checksum = stored,
            ParentUniqueId = new Guid(bytes.Slice(40, 16), bigEndian: true),
            ParentTimestamp = BinaryPrimitives.ReadUInt32BigEndian(bytes[56..]),
            ParentUnicodeName = DecodeName(bytes.Slice(ParentNameOffset, ParentNameBytes)),
            ParentLocators = locators,
        };

        if (header.HeaderVersion >> 16 != 1)
        {
            throw new VhdFormatException(VhdErrorCode.UnsupportedVersion, $"header version 0x{header.HeaderVersion:x8} is not 1.x");
        }

        if (!BitOperations.IsPow2(header.BlockSize) || header.BlockSize < VhdLimits.MinBlockSize || header.BlockSize > VhdLimits.MaxBlockSize)
        {
            throw new VhdFormatException(VhdErrorCode.InvalidBlockSize, $"block size {header.BlockSize} is not a power of two between 4 KiB and 32 MiB");
        }

        if (header.MaxTableEntries > VhdLimits.MaxTableEntries)
        {
            throw new VhdFormatException(VhdErrorCode.InvalidTable, $"max table entries {header.MaxTableEntries} above the limit of {VhdLimits.MaxTableEntries}");
        }

        if (header.TableOffset % 512 != 0 || header.TableOffset > (ulong)VhdLimits.MaxDiskSize * 2)
        {
            throw new VhdFormatException(VhdErrorCode.InvalidTable, $"table offset {header.TableOffset} is not sector-aligned or absurd");
        }

        return header;
    }

    /// <summary>Serialises the header into 1024 bytes, computing the checksum. Returns the checksum written.</summary>
    public uint WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException("destination shorter than 1024 bytes", nameof(destination));
        }

        if (ParentLocators.Count != LocatorCount)
        {
            throw new InvalidOperationException("a dynamic header has exactly eight parent locators");
        }

        Span<byte> b = destination[..Size];
        b.Clear();
        Cookie.CopyTo(b);
        BinaryPrimitives.WriteUInt64BigEndian(b[8..], DataOffset);
        BinaryPrimitives.WriteUInt64BigEndian(b[16..], TableOffset);
        BinaryPrimitives.WriteUInt32BigEndian(b[24..], HeaderVersion);
        BinaryPrimitives.WriteUInt32BigEndian(b[28..], MaxTableEntries);
        BinaryPrimitives.WriteUInt32BigEndian(b[32..], BlockSize);
        ParentUniqueId.TryWriteBytes(b.Slice(40, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteUInt32BigEndian(b[56..], ParentTimestamp);
        EncodeName(ParentUnicodeName, b.Slice(ParentNameOffset, ParentNameBytes));
        for (int i = 0; i < LocatorCount; i++)
        {
            ParentLocators[i].WriteTo(b.Slice(LocatorsOffset + i * VhdParentLocator.Size, VhdParentLocator.Size));
        }

        uint checksum = VhdChecksum.Compute(b, ChecksumOffset);
        BinaryPrimitives.WriteUInt32BigEndian(b[ChecksumOffset..], checksum);
        return checksum;
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    private static string DecodeName(ReadOnlySpan<byte> raw)
    {
        int length = raw.Length;
        while (length >= 2 && raw[length - 1] == 0 && raw[length - 2] == 0)
        {
            length -= 2;
        }

        return Encoding.BigEndianUnicode.GetString(raw[..(length & ~1)]);
    }

    private static void EncodeName(string name, Span<byte> destination)
    {
        byte[] encoded = Encoding.BigEndianUnicode.GetBytes(name);
        if (encoded.Length > destination.Length)
        {
            throw new ArgumentException($"parent name longer than {destination.Length / 2} UTF-16 units", nameof(name));
        }

        encoded.CopyTo(destination);
    }
}
