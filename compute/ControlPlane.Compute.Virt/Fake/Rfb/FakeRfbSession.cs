using System.Buffers.Binary;
using System.Text;

namespace ControlPlane.Compute.Virt.Fake.Rfb;

/// <summary>
/// A small RFB 3.8 server session (3.3 and 3.7 clients accepted): security type None, a ServerInit carrying the VM's
/// name, and a <see cref="Width"/> x <see cref="Height"/> framebuffer of one colour (<see cref="ColorOf"/>) sent with the raw
/// encoding in the pixel format the client asked for. Enough for noVNC to connect and draw.
/// </summary>
public sealed class FakeRfbSession(Stream stream, string name)
{
    /// <summary>Framebuffer width, pixels.</summary>
    public const ushort Width = 64;

    /// <summary>Framebuffer height, pixels.</summary>
    public const ushort Height = 48;

    private const int MaxCutText = 1 << 20;
    private RfbFormat _format = RfbFormat.ServerDefault;
    private bool _sentFrame;

    /// <summary>The colour the framebuffer of a VM named <paramref name="vmName"/> is filled with (stable per name).</summary>
    public static (byte R, byte G, byte B) ColorOf(string vmName)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(vmName))
        {
            hash = (hash ^ b) * 16777619u;
        }
        return ((byte)(64 + (hash & 0x7f)), (byte)(64 + ((hash >> 8) & 0x7f)), (byte)(64 + ((hash >> 16) & 0x7f)));
    }

    /// <summary>Handshake, then answers client messages until the client leaves (EOF) or <paramref name="ct"/> fires.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        await stream.WriteAsync("RFB 003.008\n"u8.ToArray(), ct);
        var version = Encoding.ASCII.GetString(await ReadExactAsync(12, ct));
        if (!version.StartsWith("RFB 003.", StringComparison.Ordinal) || !int.TryParse(version.AsSpan(8, 3), out var minor))
        {
            throw new InvalidDataException("not an RFB client version");
        }
        if (minor >= 7)
        {
            await stream.WriteAsync(new byte[] { 1, 1 }, ct);
            if ((await ReadExactAsync(1, ct))[0] != 1)
            {
                throw new InvalidDataException("client chose a security type other than None");
            }
            if (minor >= 8)
            {
                await stream.WriteAsync(new byte[4], ct);
            }
        }
        else
        {
            await stream.WriteAsync(new byte[] { 0, 0, 0, 1 }, ct);
        }
        await ReadExactAsync(1, ct); // ClientInit: shared flag
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var init = new byte[24 + nameBytes.Length];
        BinaryPrimitives.WriteUInt16BigEndian(init, Width);
        BinaryPrimitives.WriteUInt16BigEndian(init.AsSpan(2), Height);
        RfbFormat.ServerDefault.Write(init.AsSpan(4));
        BinaryPrimitives.WriteUInt32BigEndian(init.AsSpan(20), (uint)nameBytes.Length);
        nameBytes.CopyTo(init, 24);
        await stream.WriteAsync(init, ct);
        await stream.FlushAsync(ct);
        while (await ServeOneAsync(ct))
        {
        }
    }

    private async Task<bool> ServeOneAsync(CancellationToken ct)
    {
        var type = new byte[1];
        if (await stream.ReadAsync(type, ct) == 0)
        {
            return false;
        }
        switch (type[0])
        {
            case 0: // SetPixelFormat
                _format = RfbFormat.Read((await ReadExactAsync(19, ct)).AsSpan(3));
                break;
            case 2: // SetEncodings
                var head = await ReadExactAsync(3, ct);
                await ReadExactAsync(4 * BinaryPrimitives.ReadUInt16BigEndian(head.AsSpan(1)), ct);
                break;
            case 3: // FramebufferUpdateRequest
                var incremental = (await ReadExactAsync(9, ct))[0] != 0;
                if (!incremental || !_sentFrame)
                {
                    await SendFrameAsync(ct);
                }
                break;
            case 4: // KeyEvent
                await ReadExactAsync(7, ct);
                break;
            case 5: // PointerEvent
                await ReadExactAsync(5, ct);
                break;
            case 6: // ClientCutText
                var cut = await ReadExactAsync(7, ct);
                var length = BinaryPrimitives.ReadUInt32BigEndian(cut.AsSpan(3));
                await ReadExactAsync(length <= MaxCutText ? (int)length : throw new InvalidDataException("cut text too long"), ct);
                break;
            default:
                throw new InvalidDataException($"unknown RFB client message type {type[0]}");
        }
        return true;
    }

    private async Task SendFrameAsync(CancellationToken ct)
    {
        var bytesPerPixel = _format.BitsPerPixel / 8;
        var message = new byte[16 + (Width * Height * bytesPerPixel)];
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), 1); // one rectangle
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(8), Width);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(10), Height);
        // encoding 0 = raw (bytes 12-15 stay zero)
        var (r, g, b) = ColorOf(name);
        Span<byte> pixel = stackalloc byte[4];
        _format.Encode(r, g, b, pixel);
        for (var offset = 16; offset < message.Length; offset += bytesPerPixel)
        {
            pixel[..bytesPerPixel].CopyTo(message.AsSpan(offset));
        }
        await stream.WriteAsync(message, ct);
        await stream.FlushAsync(ct);
        _sentFrame = true;
    }

    private async Task<byte[]> ReadExactAsync(int count, CancellationToken ct)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, ct);
        return buffer;
    }
}
