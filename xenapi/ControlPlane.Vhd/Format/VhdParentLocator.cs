using System.Buffers.Binary;

namespace ControlPlane.Vhd.Format;

/// <summary>One 24-byte parent locator entry of the dynamic header.</summary>
public readonly record struct VhdParentLocator(
    VhdPlatformCode PlatformCode,
    uint DataSpace,
    uint DataLength,
    uint Reserved,
    ulong DataOffset)
{
    public const int Size = 24;

    public bool IsEmpty => PlatformCode == VhdPlatformCode.None;

    /// <summary>
    /// The space reserved for the locator data in bytes. The spec says sectors, tools store bytes;
    /// like libvhd, a value below 512 is read as sectors, a multiple of 512 as bytes, anything else is invalid (-1).
    /// </summary>
    public long DataSpaceBytes => DataSpace < 512 ? DataSpace * 512L : DataSpace % 512 == 0 ? DataSpace : -1;

    public static VhdParentLocator Parse(ReadOnlySpan<byte> b) => new(
        (VhdPlatformCode)BinaryPrimitives.ReadUInt32BigEndian(b),
        BinaryPrimitives.ReadUInt32BigEndian(b[4..]),
        BinaryPrimitives.ReadUInt32BigEndian(b[8..]),
        BinaryPrimitives.ReadUInt32BigEndian(b[12..]),
        BinaryPrimitives.ReadUInt64BigEndian(b[16..]));

    public void WriteTo(Span<byte> b)
    {
        BinaryPrimitives.WriteUInt32BigEndian(b, (uint)PlatformCode);
        BinaryPrimitives.WriteUInt32BigEndian(b[4..], DataSpace);
        BinaryPrimitives.WriteUInt32BigEndian(b[8..], DataLength);
        BinaryPrimitives.WriteUInt32BigEndian(b[12..], Reserved);
        BinaryPrimitives.WriteUInt64BigEndian(b[16..], DataOffset);
    }
}
