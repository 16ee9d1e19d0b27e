using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Consoles;

/// <summary>Answers the <see cref="GetConsoleOutput"/> call on <c>compute.&lt;host&gt;</c> (length -1 = the whole log).</summary>
public sealed class GetConsoleOutputHandler(ConsoleManager manager) : IRpcCallHandler<GetConsoleOutput, ConsoleOutput>
{
    /// <inheritdoc />
    public async Task<ConsoleOutput> HandleAsync(GetConsoleOutput request, RpcContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var output = await manager.GetConsoleOutputAsync(request.Instance, request.Length < 0 ? null : request.Length, cancellationToken);
        return new ConsoleOutput { Output = output };
    }
}
