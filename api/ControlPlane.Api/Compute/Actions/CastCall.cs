using ControlPlane.Domain.Operations;

namespace ControlPlane.Api.Compute.Actions;

/// <summary>A <see cref="ServerActionCall"/> without pre-work: an operation definition and its cast.</summary>
/// <param name="operation">The operation definition.</param>
/// <param name="cast">Sends the operation to the instance's host.</param>
public sealed class CastCall(InstanceOperation operation, Func<ServerActionContext, Task> cast) : ServerActionCall
{
    /// <inheritdoc />
    public override InstanceOperation Operation { get; } = operation;

    /// <inheritdoc />
    public override Task CastAsync(ServerActionContext context, CancellationToken cancellationToken) => cast(context);
}
