using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;
using XapiSim.Tests.Infrastructure;

namespace XapiSim.Tests;

public sealed class ConsoleTests
{
    private const int Width = 640;
    private const int Height = 120;

    [Fact]
    public async Task Connect_to_a_running_vm_serves_rfb_38_with_its_name_on_screen()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var vm = await StartVmAsync(session, "instance-console");
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(sim.Url.Host, sim.Url.Port);
        var stream = tcp.GetStream();
        stream.ReadTimeout = 20_000;

        var status = await ConnectAsync(stream, $"/console?ref={vm.OpaqueRef}&session_id={session.SessionRef!.Value.OpaqueRef}");
        Assert.StartsWith("HTTP/1.1 200", status);
        Assert.Equal("RFB 003.008\n", Encoding.ASCII.GetString(await ReadAsync(stream, 12)));
        await stream.WriteAsync("RFB 003.008\n"u8.ToArray());
        Assert.Equal(new byte[] { 1, 1 }, await ReadAsync(stream, 2));
        await stream.WriteAsync(new byte[] { 1 });
        Assert.Equal(new byte[4], await ReadAsync(stream, 4));
        await stream.WriteAsync(new byte[] { 1 });
        var init = await ReadAsync(stream, 24);
        var name = Encoding.UTF8.GetString(await ReadAsync(stream, (int)BinaryPrimitives.ReadUInt32BigEndian(init.AsSpan(20))));

        Assert.Equal(Width, BinaryPrimitives.ReadUInt16BigEndian(init));
        Assert.Equal(Height, BinaryPrimitives.ReadUInt16BigEndian(init.AsSpan(2)));
        Assert.Equal(32, init[4]);
        Assert.Equal("instance-console", name);

        var frame = await RequestFrameAsync(stream, incremental: false);
        Assert.Equal(new byte[] { 0x50, 0x20, 0x10, 0x00 }, Pixel(frame, 0, 0));
        // 'I' starts with row 01110: its second column is ink at (10 + 1*3, 20).
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0x00 }, Pixel(frame, 13, 20));

        // An incremental request is answered once the VM's label changes.
        await session.Vm.SetNameLabelAsync(vm, "renamed");
        var changed = await RequestFrameAsync(stream, incremental: true);
        Assert.NotEqual(frame, changed);
    }

    [Fact]
    public async Task Console_of_a_halted_vm_or_with_a_bad_session_is_refused()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var halted = await session.Vm.CreateAsync(Records.NovaVm("instance-off"));

        Assert.StartsWith("HTTP/1.1 503", await ConnectOnceAsync(sim, $"/console?ref={halted.OpaqueRef}&session_id={session.SessionRef!.Value.OpaqueRef}"));
        Assert.StartsWith("HTTP/1.1 403", await ConnectOnceAsync(sim, $"/console?ref={halted.OpaqueRef}&session_id=OpaqueRef:nope"));
        Assert.StartsWith("HTTP/1.1 404", await ConnectOnceAsync(sim, $"/console?ref=OpaqueRef:nothing&session_id={session.SessionRef!.Value.OpaqueRef}"));
    }

    private static async Task<VmRef> StartVmAsync(XenApiSession session, string name)
    {
        var host = (await session.Pool.GetAllRecordsAsync()).Values.Single().Master;
        var vm = await session.Vm.CreateAsync(Records.NovaVm(name));
        await session.Vm.StartOnAsync(vm, host);
        return vm;
    }

    private static async Task<string> ConnectOnceAsync(SimHost sim, string target)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(sim.Url.Host, sim.Url.Port);
        return await ConnectAsync(tcp.GetStream(), target);
    }

    private static async Task<string> ConnectAsync(NetworkStream stream, string target)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"CONNECT {target} HTTP/1.1\r\nHost: xs\r\n\r\n"));
        var head = new StringBuilder();
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            head.Append((char)(await ReadAsync(stream, 1))[0]);
        }

        return head.ToString();
    }

    private static async Task<byte[]> RequestFrameAsync(NetworkStream stream, bool incremental)
    {
        var request = new byte[10];
        request[0] = 3;
        request[1] = (byte)(incremental ? 1 : 0);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(6), Width);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(8), Height);
        await stream.WriteAsync(request);
        var header = await ReadAsync(stream, 16);
        Assert.Equal(0, header[0]);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2)));
        Assert.Equal(0, BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(12)));
        return await ReadAsync(stream, Width * Height * 4);
    }

    private static byte[] Pixel(byte[] frame, int x, int y) => frame.AsSpan(((y * Width) + x) * 4, 4).ToArray();

    private static async Task<byte[]> ReadAsync(NetworkStream stream, int count)
    {
        var buffer = new byte[count];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await stream.ReadExactlyAsync(buffer, timeout.Token);
        return buffer;
    }
}
