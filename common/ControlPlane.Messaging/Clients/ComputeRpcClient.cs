using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Messaging.Clients;

/// <summary>
/// Client side of the compute RPC API (queue <c>compute.&lt;host&gt;</c>). Owns routing: callers
/// name the host, this class picks the queue.
/// Version history: 1.0 build_and_run_instance, terminate_instance; snapshot_instance (additive); stop_instance, start_instance, reboot_instance (additive); get_vnc_console, validate_console_port (additive calls).
/// </summary>
public sealed class ComputeRpcClient(IRpcClient rpc)
{
    /// <summary>RPC API version sent with every message.</summary>
    public const string Version = "1.0";

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

    /// <summary>call: the console's connection info (host, port, CONNECT path); waits at most <paramref name="timeout"/>,
    /// then throws <c>ServiceUnavailableException</c>.</summary>
    public Task<ConsoleConnectInfo> GetVncConsoleAsync(string host, GetVncConsole message, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        rpc.CallAsync<ConsoleConnectInfo>(Topics.Compute(host), message, timeout, cancellationToken);

    /// <summary>call: whether the instance still has that console on that port; waits at most <paramref name="timeout"/>.</summary>
    public Task<ConsolePortValidity> ValidateConsolePortAsync(string host, ValidateConsolePort message, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        rpc.CallAsync<ConsolePortValidity>(Topics.Compute(host), message, timeout, cancellationToken);
}
