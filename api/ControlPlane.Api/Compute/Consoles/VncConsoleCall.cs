using ControlPlane.Api.Compute.Actions;
using ControlPlane.Compute.Rpc;
using ControlPlane.Domain.Operations;
using ControlPlane.Messaging.ConsoleAuth;
using ControlPlane.Protos.ConsoleAuth.V1;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.Compute.Consoles;

/// <summary>
/// <see cref="InstanceOperations.GetVncConsole"/> as a server action call: no task state, no action row; its "cast" is
/// the bounded <c>get_vnc_console</c> call to the instance's host, then consoleauth mints the token. The access URL is
/// kept for the answer.
/// </summary>
public sealed class VncConsoleCall(
    RemoteConsoleRequest request,
    ComputeRpcClient compute,
    ConsoleAuthRpcClient consoleAuth,
    ConsoleOptions options) : ServerActionCall
{
    /// <summary>The console requested.</summary>
    public RemoteConsoleRequest Request { get; } = request;

    /// <summary>The access URL, once <see cref="CastAsync"/> succeeded.</summary>
    public string? Url { get; private set; }

    /// <inheritdoc />
    public override InstanceOperation Operation => InstanceOperations.GetVncConsole;

    /// <inheritdoc />
    public override async Task CastAsync(ServerActionContext context, CancellationToken cancellationToken)
    {
        var spec = context.Spec();
        var info = await compute.GetVncConsoleAsync(context.Host, new GetVncConsole { Instance = spec, ConsoleType = Request.Type },
            options.ComputeCallTimeout, cancellationToken);
        var issued = await consoleAuth.AuthorizeAsync(new AuthorizeRequest
        {
            InstanceId = context.Instance.Id.ToString("D"),
            InstanceName = spec.InstanceName,
            ComputeHost = context.Host,
            ConsoleType = Request.Type,
            Endpoint = new ConsoleEndpoint { Host = info.Host, Port = info.Port, InternalAccessPath = info.InternalAccessPath },
            AccessUrlBase = options.NovncproxyBaseUrl,
        }, cancellationToken);
        Url = issued.AccessUrl;
    }
}
