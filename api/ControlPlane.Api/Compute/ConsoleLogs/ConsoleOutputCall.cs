using System.Text.RegularExpressions;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Compute.Rpc;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.Compute.ConsoleLogs;

/// <summary>
/// <see cref="InstanceOperations.GetConsoleOutput"/> as a server action call: no task state, no action row; its "cast" is
/// the bounded <c>get_console_output</c> call to the instance's host. The output keeps Nova's cleaning: control characters
/// other than tab and newline removed.
/// </summary>
public sealed partial class ConsoleOutputCall(int? length, ComputeRpcClient compute, TimeSpan timeout) : ServerActionCall
{
    /// <summary>The lines asked for (null = all).</summary>
    public int? Length { get; } = length;

    /// <summary>The console output, once <see cref="CastAsync"/> succeeded.</summary>
    public string? Output { get; private set; }

    /// <inheritdoc />
    public override InstanceOperation Operation => InstanceOperations.GetConsoleOutput;

    /// <inheritdoc />
    public override async Task CastAsync(ServerActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reply = await compute.GetConsoleOutputAsync(context.Host,
            new GetConsoleOutput { Instance = context.Spec(), Length = Length ?? -1 }, timeout, cancellationToken);
        Output = ControlCharacters().Replace(reply.Output, string.Empty);
    }

    [GeneratedRegex("[\\x00-\\x08\\x0B-\\x1F]")]
    private static partial Regex ControlCharacters();
}
