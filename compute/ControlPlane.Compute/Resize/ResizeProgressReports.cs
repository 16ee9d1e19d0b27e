using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Protos.Rpc.V1;
using Google.Protobuf;

namespace ControlPlane.Compute.Resize;

/// <summary>
/// Maps the driver's <see cref="ResizeProgress"/> steps to the instance's <c>progress</c> (20/40/60/80/100, Nova's
/// XenAPI steps): each report is a cast to the conductor expecting the step's task state, sent in order without
/// blocking the driver; <see cref="FlushAsync"/> waits for the ones sent so far (a failed cast surfaces there).
/// </summary>
/// <typeparam name="TMessage">The step's cast.</typeparam>
public sealed class ResizeProgressReports<TMessage>(OperationRun<TMessage> run, string taskState) : IProgress<ResizeProgress>
    where TMessage : IMessage
{
    private readonly Lock _gate = new();
    private Task _last = Task.CompletedTask;

    /// <inheritdoc />
    public void Report(ResizeProgress value)
    {
        var update = new InstanceUpdate
        {
            InstanceId = run.Instance.InstanceId.ToString("D"), Host = run.Host, Progress = (int)value,
        };
        update.ExpectedTaskStates.Add(taskState);
        lock (_gate)
        {
            _last = _last.ContinueWith(_ => run.ReportAsync(update, CancellationToken.None), CancellationToken.None,
                TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>Waits for every report sent so far.</summary>
    public Task FlushAsync()
    {
        lock (_gate)
        {
            return _last;
        }
    }
}
