using ControlPlane.Messaging.Abstractions;
using ControlPlane.Messaging.Wire;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Rpc;

/// <summary>
/// Client side of the compute RPC API (queue <c>compute.&lt;host&gt;</c>). Owns routing: callers
/// name the host, this class picks the queue.
/// <para>
/// Version history (a new method or field bumps the minor, a changed meaning or a removal bumps the major; the
/// compute consumer refuses a newer minor or another major, so bump before the first sender uses it):
/// </para>
/// <list type="bullet">
/// <item>1.0: build_and_run_instance, terminate_instance.</item>
/// <item>1.1: snapshot_instance.</item>
/// <item>1.2: stop_instance.</item>
/// <item>1.3: start_instance.</item>
/// <item>1.4: reboot_instance.</item>
/// <item>1.5: pause_instance, unpause_instance, suspend_instance, resume_instance.</item>
/// <item>1.6: rescue_instance, unrescue_instance.</item>
/// <item>1.7: get_vnc_console, validate_console_port (calls).</item>
/// <item>1.8: prep_resize, resize_instance, finish_resize, confirm_resize, revert_resize, finish_revert_resize (casts).</item>
/// <item>1.9: shelve_instance, shelve_offload_instance, unshelve_instance; InstanceSpec.shelved_at.</item>
/// <item>1.10: rebuild_instance (cast), get_console_output (call).</item>
/// </list>
/// </summary>
public sealed class ComputeRpcClient(IRpcClient rpc)
{
    /// <summary>RPC API version sent with every message.</summary>
    public const string Version = "1.10";

    /// <summary>The version registered for the topic (see <see cref="RpcTopicVersion"/>).</summary>
    public static readonly RpcTopicVersion TopicVersion = new(Topics.Compute(string.Empty), Version);

    /// <summary>cast: build and start an instance whose capacity is already claimed on <paramref name="host"/>.</summary>
    public Task BuildAndRunInstanceAsync(string host, BuildAndRunInstance message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Compute(host), message, cancellationToken);

    /// <summary>cast: destroy the instance's VM and disks; the host reports <c>deleted</c> to the conductor.</summary>
    public Task TerminateInstanceAsync(string host, TerminateInstance message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Compute(host), message, cancellationToken);

    /// <summary>cast: snapshot the instance into the queued image the api created; the host reports the task states to the conductor.</summary>
    public Task SnapshotInstanceAsync(string host, SnapshotInstance message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Compute(host), message, cancellationToken);

    /// <summary>cast: power the instance off (task powering-off); the host reports stopped to the conductor.</summary>
    public Task StopInstanceAsync(string host, StopInstance message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Compute(host), message, cancellationToken);

    /// <summary>cast: power a stopped instance on (task powering-on); the host reports active to the conductor.</summary>
    public Task StartInstanceAsync(string host, StartInstance message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Compute(host), message, cancellationToken);

    /// <summary>cast: reboot the instance (task rebooting or rebooting_hard); the host reports active to the conductor.</summary>
    public Task RebootInstanceAsync(string host, RebootInstance message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Compute(host), message, cancellationToken);

    /// <summary>cast: pause the instance (task pausing); the host reports paused to the conductor.</summary>
    public Task PauseInstanceAsync(string host, PauseInstance message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Compute(host), message, cancellationToken);

    /// <summary>cast: unpause the instance (task unpausing); the host reports active to the conductor.</summary>
    public Task UnpauseInstanceAsync(string host, UnpauseInstance message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Compute(host), message, cancellationToken);

    /// <summary>cast: suspend the instance (task suspending); the host reports suspended to the conductor.</summary>
    public Task SuspendInstanceAsync(string host, SuspendInstance message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Compute(host), message, cancellationToken);

    /// <summary>cast: resume the instance (task resuming); the host reports active to the conductor.</summary>
    public Task ResumeInstanceAsync(string host, ResumeInstance message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Compute(host), message, cancellationToken);

    /// <summary>cast: rescue the instance (task rescuing) with the image the api chose; the host reports rescued to the conductor.</summary>
    public Task RescueInstanceAsync(string host, RescueInstance message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Compute(host), message, cancellationToken);

    /// <summary>cast: end the rescue (task unrescuing); the host reports active to the conductor.</summary>
    public Task UnrescueInstanceAsync(string host, UnrescueInstance message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Compute(host), message, cancellationToken);

    /// <summary>cast: shelve the instance (task shelving) into the queued image the api created; the host reports shelved
    /// (or shelved_offloaded) to the conductor.</summary>
    public Task ShelveInstanceAsync(string host, ShelveInstance message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Compute(host), message, cancellationToken);

    /// <summary>cast: offload a shelved instance (task shelving_offloading); the host reports shelved_offloaded without a host.</summary>
    public Task ShelveOffloadInstanceAsync(string host, ShelveOffloadInstance message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Compute(host), message, cancellationToken);

    /// <summary>cast: unshelve the instance (task unshelving) on the host the conductor claimed; the host reports active.</summary>
    public Task UnshelveInstanceAsync(string host, UnshelveInstance message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Compute(host), message, cancellationToken);

    /// <summary>call: the console's connection info (host, port, CONNECT path); waits at most <paramref name="timeout"/>,
    /// then throws <c>ServiceUnavailableException</c>.</summary>
    public Task<ConsoleConnectInfo> GetVncConsoleAsync(string host, GetVncConsole message, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        rpc.CallAsync<ConsoleConnectInfo>(Topics.Compute(host), message, timeout, cancellationToken);

    /// <summary>call: whether the instance still has that console on that port; waits at most <paramref name="timeout"/>.</summary>
    public Task<ConsolePortValidity> ValidateConsolePortAsync(string host, ValidateConsolePort message, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        rpc.CallAsync<ConsolePortValidity>(Topics.Compute(host), message, timeout, cancellationToken);

    /// <summary>cast: the destination gets ready to receive a migration's disks; reports MigrationStep prepped.</summary>
    public Task PrepResizeAsync(string host, PrepResize message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Compute(host), message, cancellationToken);

    /// <summary>cast: the source sends the disks to the destination and powers off; reports MigrationStep migrated.</summary>
    public Task ResizeInstanceAsync(string host, ResizeInstance message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Compute(host), message, cancellationToken);

    /// <summary>cast: the destination builds the instance with the new flavor; reports MigrationStep finished.</summary>
    public Task FinishResizeAsync(string host, FinishResize message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Compute(host), message, cancellationToken);

    /// <summary>cast: the source destroys the <c>-orig</c> VM; reports MigrationStep confirmed.</summary>
    public Task ConfirmResizeAsync(string host, ConfirmResize message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Compute(host), message, cancellationToken);

    /// <summary>cast: the destination destroys its copy; reports MigrationStep reverted_dest.</summary>
    public Task RevertResizeAsync(string host, RevertResize message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Compute(host), message, cancellationToken);

    /// <summary>cast: the source restores the <c>-orig</c> VM; reports MigrationStep reverted.</summary>
    public Task FinishRevertResizeAsync(string host, FinishRevertResize message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Compute(host), message, cancellationToken);

    /// <summary>cast: rebuild the instance from its (new) image on its host (task rebuilding); the host reports active to the conductor.</summary>
    public Task RebuildInstanceAsync(string host, RebuildInstance message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Compute(host), message, cancellationToken);

    /// <summary>call: the tail of the instance's console log; waits at most <paramref name="timeout"/>, then throws
    /// <c>ServiceUnavailableException</c>.</summary>
    public Task<ConsoleOutput> GetConsoleOutputAsync(string host, GetConsoleOutput message, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        rpc.CallAsync<ConsoleOutput>(Topics.Compute(host), message, timeout, cancellationToken);
}
