using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Consoles;

/// <summary>Answers the <see cref="GetVncConsole"/> call on <c>compute.&lt;host&gt;</c>.</summary>
public sealed class GetVncConsoleHandler(ConsoleManager manager) : IRpcCallHandler<GetVncConsole, ConsoleConnectInfo>
{
    /// <inheritdoc />
    public async Task<ConsoleConnectInfo> HandleAsync(GetVncConsole request, RpcContext context, CancellationToken cancellationToken)
    {
        var connection = await manager.GetVncConsoleAsync(request.Instance, request.ConsoleType, cancellationToken);
        return new ConsoleConnectInfo { Host = connection.Host, Port = connection.Port, InternalAccessPath = connection.InternalAccessPath };
    }
}
