using System.Text.Json.Nodes;
using ControlPlane.Compute.Diagnostics;
using ControlPlane.Compute.Manager;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;
using ControlPlane.Messaging.Notifications;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Operations;

/// <summary>
/// Runs every instance operation on this host, the skeleton Nova spreads over <c>synchronized(instance.uuid)</c>,
/// <c>wrap_instance_fault</c>, <c>reverts_task_state</c> and <c>notify_about_instance_action</c>: parse the
/// instance, open the log scope, take the instance's lock, map the spec, refuse an operation whose driver
/// feature is missing, let the steps decide whether to run, send <c>&lt;prefix&gt;.start</c>, run the steps,
/// report success and send <c>.end</c>. On failure the steps clean up, the fault is recorded, the task state
/// reverts (vm_state unchanged or the steps' failure vm_state), the Error event is emitted and <c>.error</c>
/// sent. A conductor that cannot be reached (<see cref="ServiceUnavailableException"/>) is not a failure of
/// the operation: it propagates, and the redelivered message is handled idempotently by the steps.
/// </summary>
public sealed class OperationRunner(
    IVirtDriver driver,
    ConductorRpcClient conductor,
    INotifier notifier,
    InstanceLocks locks,
    IOptions<ComputeOptions> options,
    TimeProvider timeProvider,
    ILogger<OperationRunner> logger)
{
    private readonly string _host = options.Value.Host;

    /// <summary>Runs <paramref name="steps"/> for <paramref name="message"/> under the instance's lock. A
    /// message without a valid instance throws <see cref="InvalidException"/> (dead-lettered).</summary>
    public async Task RunAsync<TMessage>(OperationSteps<TMessage> steps, TMessage message, bool redelivered, CancellationToken cancellationToken)
        where TMessage : IMessage
    {
        var id = InstanceMapper.ParseId(steps.Spec(message));
        steps.Validate(message);
        using var scope = logger.InstanceScope(id);
        using var held = await locks.AcquireAsync(id, cancellationToken).ConfigureAwait(false);
        await RunHeldAsync(steps, message, redelivered, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>As <see cref="RunAsync{TMessage}"/>, for a caller that already holds the instance's lock
    /// (the start-up reconcile finishing an interrupted operation).</summary>
    internal async Task RunHeldAsync<TMessage>(OperationSteps<TMessage> steps, TMessage message, bool redelivered, CancellationToken cancellationToken)
        where TMessage : IMessage
    {
        var spec = steps.Spec(message)!;
        var id = InstanceMapper.ParseId(spec);
        var definition = steps.Definition(message);
        VirtInstance instance;
        try
        {
            instance = InstanceMapper.ToVirt(spec, steps.RequiresFlavor);
        }
        catch (InvalidException e)
        {
            logger.InvalidInstanceSpec(definition.Name, e.Message);
            if (!await steps.RejectSpecAsync(message, id, _host, e, cancellationToken).ConfigureAwait(false))
            {
                throw;
            }
            return;
        }

        var reports = new OperationReport(definition, id, _host, steps.ExpectedTaskStates(message));
        var run = new OperationRun<TMessage>(message, spec, instance, redelivered, reports, conductor, logger);
        var started = timeProvider.GetTimestamp();
        OperationStart start;
        try
        {
            RequireFeature(definition);
            start = await steps.PrepareAsync(run, cancellationToken).ConfigureAwait(false);
            if (start == OperationStart.Skip)
            {
                logger.OperationSkipped(definition.Name, instance.InstanceName);
                return;
            }
            if (start == OperationStart.Run)
            {
                logger.OperationStarted(definition.Name, instance.InstanceName, redelivered);
                await NotifyAsync(steps, run, ".start", null, cancellationToken).ConfigureAwait(false);
                await steps.ExecuteAsync(run, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not ServiceUnavailableException && (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            await FailAsync(steps, run, e, cancellationToken).ConfigureAwait(false);
            return;
        }

        var report = reports.Succeeded();
        steps.CompleteReport(run, report);
        await conductor.InstanceUpdateAsync(report, cancellationToken).ConfigureAwait(false);
        if (start == OperationStart.Run)
        {
            await NotifyAsync(steps, run, ".end", null, cancellationToken).ConfigureAwait(false);
        }
        logger.OperationSucceeded(definition.Name, instance.InstanceName, start == OperationStart.AlreadyDone,
            (long)timeProvider.GetElapsedTime(started).TotalMilliseconds);
    }

    private void RequireFeature(InstanceOperation definition)
    {
        if (definition.RequiredFeature is { } feature && !driver.Capabilities.Supports(feature))
        {
            throw new DriverFeatureMissingException(feature, driver.Capabilities.HypervisorType);
        }
    }

    private async Task FailAsync<TMessage>(OperationSteps<TMessage> steps, OperationRun<TMessage> run, Exception error, CancellationToken cancellationToken)
        where TMessage : IMessage
    {
        logger.OperationFailed(error, run.Definition.Name, run.Instance.InstanceName);
        await steps.CleanUpAsync(run, error, cancellationToken).ConfigureAwait(false);
        var fault = OperationFaults.From(error, _host, OperationFaults.CodeOf(error));
        await steps.ReportFailureAsync(run, error, fault, cancellationToken).ConfigureAwait(false);
        await NotifyAsync(steps, run, ".error", fault.Message, cancellationToken).ConfigureAwait(false);
    }

    private Task NotifyAsync<TMessage>(OperationSteps<TMessage> steps, OperationRun<TMessage> run, string suffix, string? fault, CancellationToken cancellationToken)
        where TMessage : IMessage
    {
        if (run.Definition.NotificationPrefix is not { } prefix)
        {
            return Task.CompletedTask;
        }

        var payload = new JsonObject
        {
            ["instance_uuid"] = run.Instance.InstanceId.ToString("D"),
            ["instance_name"] = run.Instance.InstanceName,
            ["host"] = _host,
            ["at"] = timeProvider.GetUtcNow().ToString("O"),
        };
        steps.AddNotificationFields(run, payload);
        if (fault is not null)
        {
            payload["fault"] = fault;
        }
        var priority = fault is null ? NotificationPriority.Info : NotificationPriority.Error;
        return notifier.NotifyAsync(prefix + suffix, payload, priority, cancellationToken);
    }
}
