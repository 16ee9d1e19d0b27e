using System.Net.Sockets;
using System.Text;
using ControlPlane.Protos.ConsoleAuth.V1;

namespace ControlPlane.ConsoleProxy.Proxy;

/// <summary>
/// Opens the console behind a token (reference D.5): TCP to host:port, then, when the token has an internal access
/// path, <c>CONNECT &lt;path&gt; HTTP/1.1</c>; the answer's status must be 200 and exactly its header bytes are consumed
/// (read byte by byte: the RFB server speaks first, right after the blank line).
/// </summary>
public static class ConsoleBackend
{
    private const int MaxHeadBytes = 8192;

    /// <summary>The connected socket, positioned at the first RFB byte; <see cref="ConsoleBackendException"/> on failure.</summary>
    public static async Task<TcpClient> OpenAsync(ConsoleEndpoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, deadline.Token);
            if (endpoint.InternalAccessPath.Length > 0)
            {
                var stream = client.GetStream();
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"CONNECT {endpoint.InternalAccessPath} HTTP/1.1\r\nHost: {endpoint.Host}:{endpoint.Port}\r\n\r\n"), deadline.Token);
                var status = await ReadStatusLineAsync(stream, deadline.Token);
                var parts = status.Split(' ', 3);
                if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || parts[1] != "200")
                {
                    throw new ConsoleBackendException($"the console endpoint answered '{status}'");
                }
            }
            return client;
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            client.Dispose();
            throw new ConsoleBackendException(e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0.#} s" : e.Message, e);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Reads the response head up to its blank line and returns the status line.</summary>
    private static async Task<string> ReadStatusLineAsync(NetworkStream stream, CancellationToken ct)
    {
        var head = new List<byte>(128);
        var one = new byte[1];
        while (head.Count < MaxHeadBytes)
        {
            if (await stream.ReadAsync(one, ct) == 0)
            {
                throw new ConsoleBackendException("the console endpoint closed the connection during CONNECT");
            }
            head.Add(one[0]);
            if (head.Count >= 4 && head[^1] == '\n' && head[^2] == '\r' && head[^3] == '\n' && head[^4] == '\r')
            {
                var text = Encoding.ASCII.GetString([.. head]);
                return text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
            }
        }
        throw new ConsoleBackendException($"the CONNECT answer is longer than {MaxHeadBytes} bytes");
    }
}
