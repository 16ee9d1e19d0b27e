using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;

namespace ControlPlane.Compute.DriverConformance;

/// <summary>The post-conditions of <see cref="IConsoleDriver"/>: the returned endpoint answers CONNECT and speaks RFB.</summary>
public abstract partial class DriverConformanceTests
{
    [Fact]
    public async Task A_running_instance_has_a_console_that_speaks_rfb_with_its_name()
    {
        var consoles = Assert.IsAssignableFrom<IConsoleDriver>(Driver);
        var instance = await SpawnNewAsync();

        var console = await consoles.GetVncConsoleAsync(instance, CancellationToken.None);

        using var client = new TcpClient();
        await client.ConnectAsync(console.Host, console.Port);
        var stream = client.GetStream();
        if (console.InternalAccessPath.Length > 0)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"CONNECT {console.InternalAccessPath} HTTP/1.1\r\nHost: {console.Host}\r\n\r\n"));
            var head = new StringBuilder();
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                head.Append((char)(await ReadExactAsync(stream, 1))[0]);
            }
            Assert.StartsWith("HTTP/1.1 200", head.ToString(), StringComparison.Ordinal);
        }
        Assert.Equal("RFB 003.008\n", Encoding.ASCII.GetString(await ReadExactAsync(stream, 12)));
        await stream.WriteAsync("RFB 003.008\n"u8.ToArray());
        var types = await ReadExactAsync(stream, (await ReadExactAsync(stream, 1))[0]);
        Assert.Contains((byte)1, types);
        await stream.WriteAsync(new byte[] { 1 });
        Assert.Equal(new byte[4], await ReadExactAsync(stream, 4));
        await stream.WriteAsync(new byte[] { 1 });
        var init = await ReadExactAsync(stream, 24);
        var name = Encoding.UTF8.GetString(await ReadExactAsync(stream, (int)BinaryPrimitives.ReadUInt32BigEndian(init.AsSpan(20))));
        Assert.Equal(instance.InstanceName, name);
    }

    [Fact]
    public async Task A_stopped_or_unknown_instance_has_no_console()
    {
        var consoles = Assert.IsAssignableFrom<IConsoleDriver>(Driver);
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => consoles.GetVncConsoleAsync(NewInstance(), CancellationToken.None));
        var instance = await SpawnNewAsync();
        await Driver.PowerOffAsync(instance, TimeSpan.Zero, CancellationToken.None);

        await Assert.ThrowsAsync<InstancePowerStateException>(() => consoles.GetVncConsoleAsync(instance, CancellationToken.None));
    }

    private static async Task<byte[]> ReadExactAsync(NetworkStream stream, int count)
    {
        var buffer = new byte[count];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await stream.ReadExactlyAsync(buffer, timeout.Token);
        return buffer;
    }
}
