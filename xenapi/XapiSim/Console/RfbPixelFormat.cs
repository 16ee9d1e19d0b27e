using System.Buffers.Binary;

namespace XapiSim.Console;

/// <summary>An RFB PIXEL_FORMAT (16 bytes); only true-colour formats of 8, 16 or 32 bits per pixel are served.</summary>
internal sealed record RfbPixelFormat(byte BitsPerPixel, byte Depth, bool BigEndian, bool TrueColour,
    ushort RedMax, ushort GreenMax, ushort BlueMax, byte RedShift, byte GreenShift, byte BlueShift)
{
    /// <summary>What the server announces: 32 bpp, depth 24, little-endian, 0x00RRGGBB.</summary>
    public static readonly RfbPixelFormat Default = new(32, 24, false, true, 255, 255, 255, 16, 8, 0);

    public int BytesPerPixel => BitsPerPixel / 8;

    public bool IsSupported => TrueColour && BitsPerPixel is 8 or 16 or 32 && RedMax > 0 && GreenMax > 0 && BlueMax > 0;

    public static RfbPixelFormat Parse(ReadOnlySpan<byte> b) => new(
        b[0], b[1], b[2] != 0, b[3] != 0,
        BinaryPrimitives.ReadUInt16BigEndian(b[4..]), BinaryPrimitives.ReadUInt16BigEndian(b[6..]), BinaryPrimitives.ReadUInt16BigEndian(b[8..]),
        b[10], b[11], b[12]);

    public void Write(Span<byte> b)
    {
        b[..16].Clear();
        b[0] = BitsPerPixel;
        b[1] = Depth;
        b[2] = (byte)(BigEndian ? 1 : 0);
        b[3] = (byte)(TrueColour ? 1 : 0);
        BinaryPrimitives.WriteUInt16BigEndian(b[4..], RedMax);
        BinaryPrimitives.WriteUInt16BigEndian(b[6..], GreenMax);
        BinaryPrimitives.WriteUInt16BigEndian(b[8..], BlueMax);
        b[10] = RedShift;
        b[11] = GreenShift;
        b[12] = BlueShift;
    }

    /// <summary>Encodes one 8-bit-per-channel colour into <paramref name="destination"/> (BytesPerPixel bytes).</summary>
    public void Encode(byte r, byte g, byte b, Span<byte> destination)
    {
        var value = ((uint)(r * RedMax / 255) << RedShift) | ((uint)(g * GreenMax / 255) << GreenShift) | ((uint)(b * BlueMax / 255) << BlueShift);
        switch (BytesPerPixel)
        {
            case 1:
                destination[0] = (byte)value;
                break;
            case 2 when BigEndian:
                BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)value);
                break;
            case 2:
                BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)value);
                break;
            case 4 when BigEndian:
                BinaryPrimitives.WriteUInt32BigEndian(destination, value);
                break;
            default:
                BinaryPrimitives.WriteUInt32LittleEndian(destination, value);
                break;
        }
    }
}
