using System.Text.Json;
using System.Text.Json.Nodes;
using ControlPlane.Api.Compute.ServerGroups;
using ControlPlane.Api.Microversions;
using ControlPlane.Data.ServerGroups;
using ControlPlane.Domain.Errors;
using ControlPlane.Protos.V1;
using Grpc.Core;

namespace ControlPlane.Api.Grpc;

/// <summary>
/// The public gRPC API <c>controlplane.v1.ServerGroups</c>: the REST service API (<see cref="ServerGroupApi"/>: same
/// validation at the newest microversion, quota, isolation) rendered as protobuf.
/// </summary>
public sealed class ServerGroupsGrpcService(ServerGroupApi api) : ServerGroups.ServerGroupsBase
{
    /// <inheritdoc />
    public override async Task<ServerGroup> CreateServerGroup(CreateServerGroupRequest request, ServerCallContext context)
    {
        // NOTE(api): the body goes through REST's own parser (at the newest microversion), so both transports validate alike.
        var group = new JsonObject { ["name"] = request.Name, ["policy"] = request.Policy };
        if (request.MaxServerPerHost != 0)
        {
            group["rules"] = new JsonObject { ["max_server_per_host"] = request.MaxServerPerHost };
        }
        var parsed = ServerGroupRequest.Parse(JsonSerializer.SerializeToElement(new JsonObject { ["server_group"] = group }), ApiVersion.Max);
        return ToProto(await api.CreateAsync(BearerAuthInterceptor.Principal(context), parsed, context.CancellationToken));
    }

    /// <inheritdoc />
    public override async Task<ServerGroup> GetServerGroup(GetServerGroupRequest request, ServerCallContext context) =>
        ToProto(await api.GetAsync(BearerAuthInterceptor.Principal(context), Id(request.Id), context.CancellationToken));

    /// <inheritdoc />
    public override async Task<ListServerGroupsResponse> ListServerGroups(ListServerGroupsRequest request, ServerCallContext context)
    {
        if (request.Limit < 0 || request.Offset < 0)
        {
            throw new InvalidException("limit and offset must not be negative.");
        }
        var groups = await api.ListAsync(BearerAuthInterceptor.Principal(context), request.AllProjects,
            request.Limit == 0 ? int.MaxValue : request.Limit, request.Offset, context.CancellationToken);
        var response = new ListServerGroupsResponse();
        response.ServerGroups.AddRange(groups.Select(ToProto));
        return response;
    }

    /// <inheritdoc />
    public override async Task<DeleteServerGroupResponse> DeleteServerGroup(DeleteServerGroupRequest request, ServerCallContext context)
    {
        await api.DeleteAsync(BearerAuthInterceptor.Principal(context), Id(request.Id), context.CancellationToken);
        return new DeleteServerGroupResponse();
    }

    private static Guid Id(string id) => Guid.TryParse(id, out var g) ? g : throw new NotFoundException($"Instance group {id} could not be found.");

    private static ServerGroup ToProto(ServerGroupRecord g)
    {
        var proto = new ServerGroup
        {
            Id = g.Id.ToString("D"), Name = g.Name, Policy = g.Policy, MaxServerPerHost = g.MaxServerPerHost ?? 0,
            ProjectId = g.ProjectId, UserId = g.UserId,
        };
        proto.Members.AddRange(g.Members.Select(m => m.ToString("D")));
        return proto;
    }
}
