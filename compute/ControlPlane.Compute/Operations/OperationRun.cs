using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Operations;

/// <summary>One execution of an operation, as its steps see it: the message, the instance, the report
/// builder and the way to the conductor. Created by <see cref="OperationRunner"/> under the instance's lock.</summary>
/// <typeparam name="TMessage">The cast that started the operation.</typeparam>
public sealed class OperationRun<TMessage>
{
    private readonly ConductorRpcClient _conductor;

    internal OperationRun(
        TMessage message, InstanceSpec spec, VirtInstance instance, bool redelivered,
        OperationReport reports, ConductorRpcClient conductor, ILogger logger)
    {
        Message = message;
        Spec = spec;
        Instance = instance;
        Redelivered = redelivered;
        Reports = reports;
        Logger = logger;
        _conductor = conductor;
    }

    /// <summary>The operation's definition.</summary>
    public InstanceOperation Definition => Reports.Operation;

    /// <summary>The cast that started the operation.</summary>
    public TMessage Message { get; }

    /// <summary>The instance as the control plane sent it (task state as the api set it).</summary>
    public InstanceSpec Spec { get; }

    /// <summary>The driver's view of the instance.</summary>
    public VirtInstance Instance { get; }

    /// <summary>True when the broker delivers the message again (an earlier attempt did not finish).</summary>
    public bool Redelivered { get; }

    /// <summary>The one report builder of this run.</summary>
    public OperationReport Reports { get; }

    /// <summary>This compute host.</summary>
    public string Host => Reports.Host;

    /// <summary>The logger of the run (its scope names the instance).</summary>
    public ILogger Logger { get; }

    /// <summary>Reports the later step <paramref name="taskState"/> of the operation.</summary>
    public Task ReportProgressAsync(string taskState, CancellationToken cancellationToken) =>
        _conductor.InstanceUpdateAsync(Reports.Progress(taskState), cancellationToken);

    /// <summary>Sends <paramref name="update"/> to the conductor.</summary>
    public Task ReportAsync(InstanceUpdate update, CancellationToken cancellationToken) =>
        _conductor.InstanceUpdateAsync(update, cancellationToken);
}
