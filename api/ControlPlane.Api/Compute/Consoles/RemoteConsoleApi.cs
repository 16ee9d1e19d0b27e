using ControlPlane.Api.Compute.Servers;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Policy;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;
using ControlPlane.Messaging.Clients;
using ControlPlane.Messaging.ConsoleAuth;
using ControlPlane.Protos.ConsoleAuth.V1;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Compute.Consoles;

/// <summary>
/// The service-API side of remote consoles (Nova's <c>compute/api.py</c> <c>get_vnc_console</c>): policy, the
/// instance's host and state (<see cref="InstanceOperations.GetVncConsole"/>), a bounded call to the host for the
/// connection info, then consoleauth mints the token. Only the access URL leaves.
/// </summary>
public sealed class RemoteConsoleApi(
    ComputeApi servers,
    IComputePolicy policy,
    ComputeRpcClient compute,
    ConsoleAuthRpcClient consoleAuth,
    IOptions<ConsoleOptions> options,
    ILogger<RemoteConsoleApi> logger)
{
    /// <summary>The console types served, by protocol: VNC through noVNC only.</summary>
    public const string NoVnc = "novnc";

    /// <summary>
    /// The access URL of a new console of the server. 400 for a protocol/type this cloud does not serve, 404 for a
    /// server the caller cannot see, 409 when it has no host or is in a state without a console, 503 when the host does
    /// not answer within <see cref="ConsoleOptions.ComputeCallTimeout"/>.
    /// </summary>
    public async Task<string> GetConsoleUrlAsync(RequestPrincipal principal, string serverId, RemoteConsoleRequest request, CancellationToken cancellationToken)
    {
        var operation = InstanceOperations.GetVncConsole;
        var instance = await servers.GetAsync(principal, serverId, cancellationToken);
        policy.Authorize(operation.Policy, principal, instance.ProjectId);
        if (request.Protocol != "vnc")
        {
            // NOTE(console): Nova's compute manager with spice/rdp/serial disabled: ConsoleTypeUnavailable (400).
            throw new InvalidException($"Unavailable console type {request.Type}.");
        }
        if (request.Type != NoVnc)
        {
            throw new InvalidException($"Invalid console type {request.Type}");
        }
        if (string.IsNullOrEmpty(instance.Host))
        {
            throw new ConflictException($"Instance {instance.Id} is not ready");
        }
        if (!operation.AllowsVmState(instance.VmState))
        {
            throw new ConflictException($"Cannot '{operation.Name}' instance {instance.Id} while it is in vm_state {instance.VmState}");
        }
        var spec = ComputeApi.ToSpec(instance, instance.TaskState);
        var info = await compute.GetVncConsoleAsync(instance.Host, new GetVncConsole { Instance = spec, ConsoleType = request.Type },
            options.Value.ComputeCallTimeout, cancellationToken);
        var issued = await consoleAuth.AuthorizeAsync(new AuthorizeRequest
        {
            InstanceId = instance.Id.ToString("D"),
            InstanceName = spec.InstanceName,
            ComputeHost = instance.Host,
            ConsoleType = request.Type,
            Endpoint = new ConsoleEndpoint { Host = info.Host, Port = info.Port, InternalAccessPath = info.InternalAccessPath },
            AccessUrlBase = options.Value.NovncproxyBaseUrl,
        }, cancellationToken);
        ConsoleApiLog.Issued(logger, request.Protocol, request.Type, instance.Id, instance.Host);
        return issued.AccessUrl;
    }

    /// <summary>
    /// <c>os-console-auth-tokens</c>: the connection info behind a token (admin). Before 2.31 only <c>rdp-html5</c>
    /// tokens may be shown (401 otherwise, as Nova); an unknown, expired or revoked token is 404.
    /// </summary>
    public async Task<ConsoleToken> GetTokenAsync(RequestPrincipal principal, string token, bool anyType, CancellationToken cancellationToken)
    {
        policy.Authorize("os_compute_api:os-console-auth-tokens", principal, null);
        ConsoleToken record;
        try
        {
            record = await consoleAuth.CheckAsync(token, cancellationToken);
        }
        catch (NotFoundException)
        {
            throw new NotFoundException("Token not found");
        }
        if (!anyType && record.ConsoleType != "rdp-html5")
        {
            throw new NotAuthenticatedException("The requested console type details are not accessible");
        }
        return record;
    }
}
