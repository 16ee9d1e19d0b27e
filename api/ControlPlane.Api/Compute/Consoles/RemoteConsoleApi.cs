using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Policy;
using ControlPlane.Compute.Rpc;
using ControlPlane.Domain.Errors;
using ControlPlane.Messaging.ConsoleAuth;
using ControlPlane.Protos.ConsoleAuth.V1;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Compute.Consoles;

/// <summary>
/// The service-API side of remote consoles (Nova's <c>compute/api.py</c> <c>get_vnc_console</c>): the console type is
/// checked, then <see cref="ServerActionRunner"/> runs <see cref="VncConsoleCall"/> (404 for a server the caller cannot
/// see, policy, host, the states of <see cref="Domain.Operations.InstanceOperations.GetVncConsole"/>, driver feature),
/// whose bounded compute call and consoleauth token give the access URL.
/// </summary>
public sealed class RemoteConsoleApi(
    ServerActionRunner runner,
    IComputePolicy policy,
    ComputeRpcClient compute,
    ConsoleAuthRpcClient consoleAuth,
    IOptions<ConsoleOptions> options,
    ILogger<RemoteConsoleApi> logger)
{
    /// <summary>The console type served for VNC: noVNC.</summary>
    public const string NoVnc = "novnc";

    /// <summary>
    /// A call for the console <paramref name="request"/> names: 400 for a protocol/type this cloud does not serve
    /// (Nova's ConsoleTypeUnavailable / ConsoleTypeInvalid).
    /// </summary>
    public VncConsoleCall NewCall(RemoteConsoleRequest request)
    {
        if (request.Protocol != "vnc")
        {
            // NOTE(console): Nova's compute manager with spice/rdp/serial/mks disabled: ConsoleTypeUnavailable (400).
            throw new InvalidException($"Unavailable console type {request.Type}.");
        }
        if (request.Type != NoVnc)
        {
            throw new InvalidException($"Invalid console type {request.Type}");
        }
        return new VncConsoleCall(request, compute, consoleAuth, options.Value);
    }

    /// <summary>
    /// The access URL of a new console of the server: 400 for a bad type, 404 for a server the caller cannot see, 409 when
    /// it has no host or is in a state without a console, 503 when the host does not answer within
    /// <see cref="ConsoleOptions.ComputeCallTimeout"/> or consoleauth is down.
    /// </summary>
    public async Task<string> GetConsoleUrlAsync(RequestPrincipal principal, string serverId, RemoteConsoleRequest request, CancellationToken cancellationToken)
    {
        var call = NewCall(request);
        var context = await runner.RunAsync(principal, serverId, call, cancellationToken);
        ConsoleApiLog.Issued(logger, request.Protocol, request.Type, context.Instance.Id, context.Host);
        return call.Url!;
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
