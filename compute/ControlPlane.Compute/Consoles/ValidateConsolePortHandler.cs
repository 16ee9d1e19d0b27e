using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Consoles;

/// <summary>Answers the <see cref="ValidateConsolePort"/> call on <c>compute.&lt;host&gt;</c> (from consoleauth's Check).</summary>
public sealed class ValidateConsolePortHandler(ConsoleManager manager) : IRpcCallHandler<ValidateConsolePort, ConsolePortValidity>
{
    /// <inheritdoc />
    public async Task<ConsolePortValidity> HandleAsync(ValidateConsolePort request, RpcContext context, CancellationToken cancellationToken) =>
        new() { Valid = await manager.ValidateConsolePortAsync(request.Instance, request.Port, request.ConsoleType, cancellationToken) };
}
