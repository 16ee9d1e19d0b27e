using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.Consoles;
using ControlPlane.Api.Compute.Servers;
using ControlPlane.Api.Options;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.States;
using ControlPlane.Protos.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Grpc;

/// <summary>
/// The public gRPC API <c>controlplane.v1.Servers</c>: the same service-API operations as REST
/// (<see cref="ServerCreator"/>, <see cref="ServerReader"/>, <see cref="ServerDeleter"/>: same checks, quota, isolation), rendered
/// as protobuf; server actions go through the REST actions' <see cref="Compute.Actions.ServerActionRunner"/> (partial file
/// <c>ServersGrpcService.Actions.cs</c>). Errors are translated by <see cref="ControlPlane.Hosting.Grpc.GrpcErrorInterceptor"/>.
/// </summary>
public sealed partial class ServersGrpcService(
    ServerCreator creator, ServerReader api, ServerDeleter deleter, ServerActionRunner runner, ServerActions actions,
    RemoteConsoleApi consoles, InstanceChangeHub hub, IOptions<ApiOptions> options, TimeProvider timeProvider)
    : Servers.ServersBase
{
    /// <inheritdoc />
    public override async Task<Server> CreateServer(Protos.V1.CreateServerRequest request, ServerCallContext context)
    {
        var principal = BearerAuthInterceptor.Principal(context);
        // NOTE(api): the name goes through REST's own rule (BodyFields.Name), so both transports accept the same names.
        var name = BodyFields.Name(System.Text.Json.JsonSerializer.SerializeToElement(request.Name), "name");
        if (string.IsNullOrEmpty(request.FlavorRef))
        {
            throw new InvalidException("flavor_ref is required.");
        }
        if (!Guid.TryParse(request.ImageRef, out var image))
        {
            throw new InvalidException("image_ref must be an image UUID.");
        }
        Guid? group = request.ServerGroupId.Length == 0 ? null
            : Guid.TryParse(request.ServerGroupId, out var g) ? g : throw new InvalidException("server_group_id must be a server group UUID.");
        var created = await creator.CreateAsync(principal, new Compute.Servers.CreateServerRequest
        {
            Name = name, FlavorRef = request.FlavorRef, ImageRef = image, ServerGroupId = group,
        }, context.CancellationToken);
        return ToProto(await api.GetAsync(principal, created.Id.ToString("D"), context.CancellationToken));
    }

    /// <inheritdoc />
    public override async Task<GetConsoleResponse> GetConsole(GetConsoleRequest request, ServerCallContext context)
    {
        var console = new RemoteConsoleRequest(request.Protocol.Length > 0 ? request.Protocol : "vnc", request.Type.Length > 0 ? request.Type : RemoteConsoleApi.NoVnc);
        var url = await consoles.GetConsoleUrlAsync(BearerAuthInterceptor.Principal(context), request.Id, console, context.CancellationToken);
        return new GetConsoleResponse { Protocol = console.Protocol, Type = console.Type, Url = url };
    }

    /// <inheritdoc />
    public override async Task<Server> GetServer(GetServerRequest request, ServerCallContext context) =>
        ToProto(await api.GetAsync(BearerAuthInterceptor.Principal(context), request.Id, context.CancellationToken));

    /// <inheritdoc />
    public override async Task<ListServersResponse> ListServers(ListServersRequest request, ServerCallContext context)
    {
        var principal = BearerAuthInterceptor.Principal(context);
        if (request.Limit < 0)
        {
            throw new InvalidException("limit must not be negative.");
        }
        var query = new Microsoft.AspNetCore.Http.QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
        {
            ["name"] = request.Name.Length > 0 ? request.Name : default,
            ["status"] = request.Status.Length > 0 ? request.Status : default,
            ["marker"] = request.Marker.Length > 0 ? request.Marker : default,
            ["limit"] = request.Limit > 0 ? request.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) : default,
        }.Where(kv => kv.Value.Count > 0).ToDictionary());
        var parsed = ServerListParser.Parse(query, Microversions.ApiVersion.Max, principal.IsAdmin, options.Value.MaxLimit);
        var servers = await api.ListAsync(principal, parsed, detail: true, context.CancellationToken);
        var response = new ListServersResponse();
        response.Servers.AddRange(servers.Select(ToProto));
        return response;
    }

    /// <inheritdoc />
    public override async Task<DeleteServerResponse> DeleteServer(DeleteServerRequest request, ServerCallContext context)
    {
        await deleter.DeleteAsync(BearerAuthInterceptor.Principal(context), request.Id, context.CancellationToken);
        return new DeleteServerResponse();
    }

    /// <inheritdoc />
    public override async Task WatchServer(WatchServerRequest request, IServerStreamWriter<Server> responseStream, ServerCallContext context)
    {
        var principal = BearerAuthInterceptor.Principal(context);
        var ct = context.CancellationToken;
        var current = await api.GetAsync(principal, request.Id, ct);
        using var subscription = hub.Subscribe(current.Id);
        current = await api.GetAsync(principal, request.Id, ct);
        var last = ToProto(current);
        await responseStream.WriteAsync(last, ct);
        while (!ct.IsCancellationRequested)
        {
            using var timer = new CancellationTokenSource(options.Value.WatchResyncInterval, timeProvider);
            using var resync = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
            try
            {
                await subscription.Signals.ReadAsync(resync.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // NOTE(api): periodic re-read, in case a notification was lost.
            }
            ct.ThrowIfCancellationRequested();
            var instance = await api.GetAsync(principal, request.Id, ct, includeDeleted: true);
            var next = ToProto(instance);
            if (!next.Equals(last))
            {
                await responseStream.WriteAsync(next, ct);
                last = next;
            }
            if (instance.Deleted)
            {
                return;
            }
        }
    }

    /// <summary>The protobuf form of an instance.</summary>
    public static Server ToProto(InstanceRecord i) => new()
    {
        Id = i.Id.ToString("D"),
        Name = i.DisplayName,
        Status = ServerStatus.From(i.VmState, i.TaskState),
        VmState = i.VmState,
        TaskState = i.TaskState ?? string.Empty,
        PowerState = i.PowerState,
        FlavorId = i.FlavorId,
        ImageId = i.ImageRef,
        ProjectId = i.ProjectId,
        Created = Timestamp.FromDateTimeOffset(i.CreatedAt),
        Updated = Timestamp.FromDateTimeOffset(i.UpdatedAt),
        FaultMessage = i.VmState == VmState.Error && i.Fault is { } f ? FaultText.ForNonAdmin(f.Message, i.Host) : string.Empty,
        Locked = i.Locked,
        LockedReason = i.LockedReason ?? string.Empty,
    };
}
