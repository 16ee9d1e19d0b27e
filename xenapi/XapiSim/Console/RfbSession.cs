using System.Buffers.Binary;
using System.Text;

namespace XapiSim.Console;

/// <summary>
/// An RFB 3.8 server session (3.3 and 3.7 clients accepted) with security type None and the raw encoding.
/// The framebuffer is <see cref="ConsoleFrame"/>; incremental update requests are answered when the view changes
/// (checked every second); the session ends when the VM stops or the client leaves.
/// </summary>
internal sealed class RfbSession(Stream stream, Func<ConsoleView?> view, TimeProvider clock)
{
    private const int MaxCutText = 1 << 20;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private RfbPixelFormat format = RfbPixelFormat.Default;
    private ConsoleView? sent;
    private volatile bool incrementalPending;

    public int FramesSent { get; private set; }

    public async Task RunAsync(ConsoleView initial, CancellationToken ct)
    {
        await HandshakeAsync(initial, ct);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var refresher = RefreshAsync(done.Token);
        try
        {
            await ReadLoopAsync(done.Token);
        }
        finally
        {
            await done.CancelAsync();
            await refresher.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private async Task HandshakeAsync(ConsoleView initial, CancellationToken ct)
    {
        await stream.WriteAsync("RFB 003.008\n"u8.ToArray(), ct);
        var version = await ReadExactAsync(12, ct);
        var text = Encoding.ASCII.GetString(version);
        if (!text.StartsWith("RFB 003.", StringComparison.Ordinal) || !int.TryParse(text.AsSpan(8, 3), out var minor))
        {
            throw new InvalidDataException($"not an RFB client version: '{text.TrimEnd()}'");
        }

        if (minor < 7)
        {
            await stream.WriteAsync(new byte[] { 0, 0, 0, 1 }, ct);
        }
        else
        {
            await stream.WriteAsync(new byte[] { 1, 1 }, ct);
            var chosen = (await ReadExactAsync(1, ct))[0];
            if (chosen != 1)
            {
                throw new InvalidDataException($"client chose unsupported security type {chosen}");
            }

            if (minor >= 8)
            {
                await stream.WriteAsync(new byte[4], ct);
            }
        }

        await ReadExactAsync(1, ct);
        var name = Encoding.UTF8.GetBytes(initial.NameLabel);
        var init = new byte[24 + name.Length];
        BinaryPrimitives.WriteUInt16BigEndian(init, ConsoleFrame.Width);
        BinaryPrimitives.WriteUInt16BigEndian(init.AsSpan(2), ConsoleFrame.Height);
        RfbPixelFormat.Default.Write(init.AsSpan(4));
        BinaryPrimitives.WriteUInt32BigEndian(init.AsSpan(20), (uint)name.Length);
        name.CopyTo(init, 24);
        await stream.WriteAsync(init, ct);
        await stream.FlushAsync(ct);
    }

    private async Task ReadLoopAsync(CancellationToken ct)
    {
        while (true)
        {
            var type = await ReadExactAsync(1, ct);
            switch (type[0])
            {
                case 0:
                    var pf = RfbPixelFormat.Parse((await ReadExactAsync(19, ct)).AsSpan(3));
                    format = pf.IsSupported ? pf : throw new InvalidDataException("only true-colour 8/16/32 bpp pixel formats are supported");
                    break;
                case 2:
                    var count = BinaryPrimitives.ReadUInt16BigEndian((await ReadExactAsync(3, ct)).AsSpan(1));
                    await ReadExactAsync(count * 4, ct);
                    break;
                case 3:
                    var request = await ReadExactAsync(9, ct);
                    await OnUpdateRequestAsync(request[0] != 0, ct);
                    break;
                case 4:
                    await ReadExactAsync(7, ct);
                    break;
                case 5:
                    await ReadExactAsync(5, ct);
                    break;
                case 6:
                    var length = BinaryPrimitives.ReadUInt32BigEndian((await ReadExactAsync(7, ct)).AsSpan(3));
                    await ReadExactAsync(length <= MaxCutText ? (int)length : throw new InvalidDataException("cut text too long"), ct);
                    break;
                default:
                    throw new InvalidDataException($"unknown RFB client message {type[0]}");
            }
        }
    }

    private async Task OnUpdateRequestAsync(bool incremental, CancellationToken ct)
    {
        var current = view() ?? throw new EndOfStreamException("the VM is no longer running");
        if (incremental && current == sent)
        {
            incrementalPending = true;
            return;
        }

        await SendFrameAsync(current, ct);
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        while (await timer.WaitForNextTickAsync(ct))
        {
            var current = view();
            if (current is null)
            {
                stream.Close();
                return;
            }

            if (incrementalPending && current != sent)
            {
                await SendFrameAsync(current, ct);
            }
        }
    }

    private async Task SendFrameAsync(ConsoleView current, CancellationToken ct)
    {
        var rgb = ConsoleFrame.Render(current);
        var bpp = format.BytesPerPixel;
        var message = new byte[16 + (ConsoleFrame.Width * ConsoleFrame.Height * bpp)];
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), 1);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(8), ConsoleFrame.Width);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(10), ConsoleFrame.Height);
        for (int p = 0, o = 16; p < rgb.Length; p += 3, o += bpp)
        {
            format.Encode(rgb[p], rgb[p + 1], rgb[p + 2], message.AsSpan(o, bpp));
        }

        await writeLock.WaitAsync(ct);
        try
        {
            await stream.WriteAsync(message, ct);
            await stream.FlushAsync(ct);
            sent = current;
            incrementalPending = false;
            FramesSent++;
        }
        finally
        {
            writeLock.Release();
        }
    }

    private async Task<byte[]> ReadExactAsync(int count, CancellationToken ct)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, ct);
        return buffer;
    }
}
