using ControlPlane.Api.Compute.Servers;
using ControlPlane.Api.Identity;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.Compute.Actions;

/// <summary>What a <see cref="ServerActionCall"/> works with: the caller, the instance as loaded once, the operation and the request id.</summary>
/// <param name="Principal">The authenticated caller.</param>
/// <param name="Instance">The instance as read before the checks (its task state is the one before the action).</param>
/// <param name="Operation">The operation definition being run.</param>
/// <param name="RequestId">The request id of the instance action row.</param>
public sealed record ServerActionContext(RequestPrincipal Principal, InstanceRecord Instance, InstanceOperation Operation, string RequestId)
{
    /// <summary>The instance's host (every operation that casts requires one).</summary>
    public string Host => Instance.Host ?? throw new InvalidOperationException($"Operation {Operation.Name} of instance {Instance.Id} has no host to cast to.");

    /// <summary>The RPC form of the instance with the task state the operation set.</summary>
    public InstanceSpec Spec() => InstanceSpecs.From(Instance, Operation.InitialTaskState);
}
