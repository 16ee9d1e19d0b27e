using System.Buffers.Binary;
using System.Text;

namespace ControlPlane.Bench.Console;

/// <summary>
/// The client side of RFB over any byte transport (a websocket through the proxy, or the console's TCP stream after
/// CONNECT): handshake with security None, then full-frame update requests, counting the bytes received.
/// </summary>
public sealed class RfbReader(Func<Memory<byte>, Task<int>> read, Func<byte[], Task> write)
{
    private readonly byte[] _buffer = new byte[256 * 1024];
    private int _start;
    private int _end;
    private ushort _width;
    private ushort _height;
    private int _bytesPerPixel;

    /// <summary>Bytes received so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Version, security None, ClientInit, ServerInit; returns the desktop name.</summary>
    public async Task<string> HandshakeAsync()
    {
        await ReadAsync(12);
        await write("RFB 003.008\n"u8.ToArray());
        var count = (await ReadAsync(1))[0];
        await ReadAsync(count);
        await write([1]);
        await ReadAsync(4);
        await write([1]);
        var init = await ReadAsync(24);
        (_width, _height, _bytesPerPixel) = (BinaryPrimitives.ReadUInt16BigEndian(init), BinaryPrimitives.ReadUInt16BigEndian(init.AsSpan(2)), init[4] / 8);
        return Encoding.UTF8.GetString(await ReadAsync((int)BinaryPrimitives.ReadUInt32BigEndian(init.AsSpan(20))));
    }

    /// <summary>Asks for the whole framebuffer (non-incremental) and reads the raw update.</summary>
    public async Task ReadFullFrameAsync()
    {
        var request = new byte[10];
        request[0] = 3;
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(6), _width);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(8), _height);
        await write(request);
        var head = await ReadAsync(4);
        for (var i = BinaryPrimitives.ReadUInt16BigEndian(head.AsSpan(2)); i > 0; i--)
        {
            var rect = await ReadAsync(12);
            var pixels = BinaryPrimitives.ReadUInt16BigEndian(rect.AsSpan(4)) * BinaryPrimitives.ReadUInt16BigEndian(rect.AsSpan(6)) * _bytesPerPixel;
            await SkipAsync(pixels);
        }
    }

    private async Task<byte[]> ReadAsync(int count)
    {
        await FillAsync(count);
        var bytes = _buffer.AsSpan(_start, count).ToArray();
        _start += count;
        return bytes;
    }

    private async Task SkipAsync(int count)
    {
        while (count > 0)
        {
            await FillAsync(1);
            var take = Math.Min(count, _end - _start);
            _start += take;
            count -= take;
        }
    }

    private async Task FillAsync(int count)
    {
        if (_buffer.Length - _start < count)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            (_end, _start) = (_end - _start, 0);
        }
        while (_end - _start < count)
        {
            var n = await read(_buffer.AsMemory(_end));
            if (n == 0)
            {
                throw new IOException("the console closed");
            }
            _end += n;
            BytesRead += n;
        }
    }
}
