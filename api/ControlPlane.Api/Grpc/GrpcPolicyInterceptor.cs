using System.Collections.Frozen;
using ControlPlane.Api.Policy;
using ControlPlane.Domain.Errors;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ControlPlane.Api.Grpc;

/// <summary>
/// Applies the compute policy to every public gRPC method before it runs (after <see cref="BearerAuthInterceptor"/>):
/// <see cref="Rules"/> names each method's rule, checked on the caller's project (another project's server is
/// then hidden by the scoped lookup: NOT_FOUND). Methods of <see cref="ByOperationRunner"/> are server actions
/// whose runner applies the operation's rule itself. Any other method is refused (fail closed).
/// </summary>
public sealed class GrpcPolicyInterceptor(IComputePolicy policy) : Interceptor
{
    /// <summary>Full gRPC method name to the Nova rule it needs.</summary>
    public static readonly FrozenDictionary<string, string> Rules = new Dictionary<string, string>
    {
        ["/controlplane.v1.Servers/CreateServer"] = "os_compute_api:servers:create",
        ["/controlplane.v1.Servers/GetServer"] = "os_compute_api:servers:show",
        ["/controlplane.v1.Servers/ListServers"] = "os_compute_api:servers:detail",
        ["/controlplane.v1.Servers/DeleteServer"] = "os_compute_api:servers:delete",
        ["/controlplane.v1.Servers/WatchServer"] = "os_compute_api:servers:show",
        ["/controlplane.v1.Servers/GetConsole"] = "os_compute_api:os-remote-consoles",
        ["/controlplane.v1.ServerGroups/CreateServerGroup"] = "os_compute_api:os-server-groups:create",
        ["/controlplane.v1.ServerGroups/GetServerGroup"] = "os_compute_api:os-server-groups:show",
        ["/controlplane.v1.ServerGroups/ListServerGroups"] = "os_compute_api:os-server-groups:index",
        ["/controlplane.v1.ServerGroups/DeleteServerGroup"] = "os_compute_api:os-server-groups:delete",
        ["/controlplane.v1.Servers/GetServerMetadata"] = "os_compute_api:server-metadata:index",
        ["/controlplane.v1.Servers/UpdateServerMetadata"] = "os_compute_api:server-metadata:create",
        ["/controlplane.v1.Servers/DeleteServerMetadataItem"] = "os_compute_api:server-metadata:delete",
        ["/controlplane.v1.Servers/GetServerTags"] = "os_compute_api:os-server-tags:index",
        ["/controlplane.v1.Servers/ReplaceServerTags"] = "os_compute_api:os-server-tags:update_all",
        ["/controlplane.v1.Servers/AddServerTag"] = "os_compute_api:os-server-tags:update",
        ["/controlplane.v1.Servers/DeleteServerTag"] = "os_compute_api:os-server-tags:delete",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Methods whose handler runs an operation definition; the runner applies its rule (none yet).</summary>
    public static readonly FrozenSet<string> ByOperationRunner = new[]
    {
        "/controlplane.v1.Servers/LockServer", "/controlplane.v1.Servers/UnlockServer",
        "/controlplane.v1.Servers/PauseServer", "/controlplane.v1.Servers/UnpauseServer",
        "/controlplane.v1.Servers/SuspendServer", "/controlplane.v1.Servers/ResumeServer",
        "/controlplane.v1.Servers/RescueServer", "/controlplane.v1.Servers/UnrescueServer",
        "/controlplane.v1.Servers/ResizeServer", "/controlplane.v1.Servers/ConfirmResize",
        "/controlplane.v1.Servers/RevertResize", "/controlplane.v1.Servers/MigrateServer",
        "/controlplane.v1.Servers/ShelveServer", "/controlplane.v1.Servers/ShelveOffloadServer", "/controlplane.v1.Servers/UnshelveServer",
        "/controlplane.v1.Servers/RebuildServer", "/controlplane.v1.Servers/GetConsoleOutput",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <inheritdoc />
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, context);
    }

    /// <inheritdoc />
    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, responseStream, context);
    }

    private void Authorize(ServerCallContext context)
    {
        if (Rules.TryGetValue(context.Method, out var rule))
        {
            policy.Authorize(rule, BearerAuthInterceptor.Principal(context), null);
            return;
        }
        if (!ByOperationRunner.Contains(context.Method))
        {
            throw new ForbiddenException($"Policy doesn't allow {context.Method} to be performed (the method declares no rule).");
        }
    }
}
