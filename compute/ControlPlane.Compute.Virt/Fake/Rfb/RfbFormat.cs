using System.Buffers.Binary;

namespace ControlPlane.Compute.Virt.Fake.Rfb;

/// <summary>An RFB PIXEL_FORMAT (true colour only): how one pixel is laid out in a raw rectangle.</summary>
internal sealed record RfbFormat(byte BitsPerPixel, byte Depth, bool BigEndian, ushort RedMax, ushort GreenMax, ushort BlueMax, byte RedShift, byte GreenShift, byte BlueShift)
{
    /// <summary>32 bpp, depth 24, little endian, 8 bits per channel at shifts 16/8/0.</summary>
    public static readonly RfbFormat ServerDefault = new(32, 24, false, 255, 255, 255, 16, 8, 0);

    /// <summary>Parses the 16 bytes of a PIXEL_FORMAT; refuses colour maps and bit depths other than 8, 16, 32.</summary>
    public static RfbFormat Read(ReadOnlySpan<byte> b)
    {
        if (b[0] is not (8 or 16 or 32) || b[3] == 0)
        {
            throw new InvalidDataException($"unsupported pixel format: {b[0]} bpp, true colour {b[3]}");
        }
        return new RfbFormat(b[0], b[1], b[2] != 0, BinaryPrimitives.ReadUInt16BigEndian(b[4..]), BinaryPrimitives.ReadUInt16BigEndian(b[6..]),
            BinaryPrimitives.ReadUInt16BigEndian(b[8..]), b[10], b[11], b[12]);
    }

    /// <summary>Writes the 16 bytes of this PIXEL_FORMAT.</summary>
    public void Write(Span<byte> b)
    {
        b[..16].Clear();
        (b[0], b[1], b[2], b[3]) = (BitsPerPixel, Depth, (byte)(BigEndian ? 1 : 0), 1);
        BinaryPrimitives.WriteUInt16BigEndian(b[4..], RedMax);
        BinaryPrimitives.WriteUInt16BigEndian(b[6..], GreenMax);
        BinaryPrimitives.WriteUInt16BigEndian(b[8..], BlueMax);
        (b[10], b[11], b[12]) = (RedShift, GreenShift, BlueShift);
    }

    /// <summary>Writes one pixel of colour (r, g, b) into the first BitsPerPixel/8 bytes of <paramref name="pixel"/>.</summary>
    public void Encode(byte r, byte g, byte b, Span<byte> pixel)
    {
        var value = ((uint)(r * RedMax / 255) << RedShift) | ((uint)(g * GreenMax / 255) << GreenShift) | ((uint)(b * BlueMax / 255) << BlueShift);
        var size = BitsPerPixel / 8;
        for (var i = 0; i < size; i++)
        {
            var shift = 8 * (BigEndian ? size - 1 - i : i);
            pixel[i] = (byte)(value >> shift);
        }
    }
}
