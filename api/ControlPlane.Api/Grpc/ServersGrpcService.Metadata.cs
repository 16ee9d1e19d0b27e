using System.Text.Json;
using System.Text.Json.Nodes;
using ControlPlane.Api.Compute.Metadata;
using ControlPlane.Api.Compute.Tags;
using ControlPlane.Protos.V1;
using Grpc.Core;

namespace ControlPlane.Api.Grpc;

/// <summary>Metadata and tags of <c>controlplane.v1.Servers</c>: validated by the REST parsers, applied by the same
/// service API (<see cref="ServerMetadataApi"/>, <see cref="ServerTagsApi"/>).</summary>
public sealed partial class ServersGrpcService
{
    /// <inheritdoc />
    public override async Task<ServerMetadata> GetServerMetadata(ServerMetadataRequest request, ServerCallContext context) =>
        ToMetadata(await Metadata(context).ListAsync(BearerAuthInterceptor.Principal(context), request.Id, context.CancellationToken));

    /// <inheritdoc />
    public override async Task<ServerMetadata> UpdateServerMetadata(UpdateServerMetadataRequest request, ServerCallContext context)
    {
        var body = new JsonObject { ["metadata"] = new JsonObject(request.Metadata.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))) };
        var items = MetadataBodyParser.ParseAll(JsonSerializer.SerializeToElement(body));
        return ToMetadata(await Metadata(context).SetAsync(BearerAuthInterceptor.Principal(context), request.Id, items, request.Replace, context.CancellationToken));
    }

    /// <inheritdoc />
    public override async Task<ServerMetadata> DeleteServerMetadataItem(ServerMetadataItemRequest request, ServerCallContext context)
    {
        var principal = BearerAuthInterceptor.Principal(context);
        var metadata = Metadata(context);
        await metadata.DeleteAsync(principal, request.Id, request.Key, context.CancellationToken);
        return ToMetadata(await metadata.ListAsync(principal, request.Id, context.CancellationToken));
    }

    /// <inheritdoc />
    public override async Task<ServerTags> GetServerTags(ServerTagsRequest request, ServerCallContext context) =>
        ToTags(await Tags(context).ListAsync(BearerAuthInterceptor.Principal(context), request.Id, context.CancellationToken));

    /// <inheritdoc />
    public override async Task<ServerTags> ReplaceServerTags(ReplaceServerTagsRequest request, ServerCallContext context)
    {
        var body = new JsonObject { ["tags"] = new JsonArray(request.Tags.Select(t => (JsonNode?)t).ToArray()) };
        var tags = ServerTagEndpoints.ParseTags(JsonSerializer.SerializeToElement(body));
        return ToTags(await Tags(context).ReplaceAsync(BearerAuthInterceptor.Principal(context), request.Id, tags, context.CancellationToken));
    }

    /// <inheritdoc />
    public override async Task<ServerTags> AddServerTag(ServerTagRequest request, ServerCallContext context)
    {
        var principal = BearerAuthInterceptor.Principal(context);
        var tags = Tags(context);
        await tags.AddAsync(principal, request.Id, ServerTagsApi.Validate(request.Tag), context.CancellationToken);
        return ToTags(await tags.ListAsync(principal, request.Id, context.CancellationToken));
    }

    /// <inheritdoc />
    public override async Task<ServerTags> DeleteServerTag(ServerTagRequest request, ServerCallContext context)
    {
        var principal = BearerAuthInterceptor.Principal(context);
        var tags = Tags(context);
        await tags.DeleteAsync(principal, request.Id, request.Tag, context.CancellationToken);
        return ToTags(await tags.ListAsync(principal, request.Id, context.CancellationToken));
    }

    // NOTE(api): resolved per call from the request's scope (both are scoped services), so the constructor other
    // partial files share stays as it is.
    private static ServerMetadataApi Metadata(ServerCallContext context) =>
        context.GetHttpContext().RequestServices.GetRequiredService<ServerMetadataApi>();

    private static ServerTagsApi Tags(ServerCallContext context) =>
        context.GetHttpContext().RequestServices.GetRequiredService<ServerTagsApi>();

    private static ServerMetadata ToMetadata(IReadOnlyDictionary<string, string> items)
    {
        var reply = new ServerMetadata();
        foreach (var (key, value) in items)
        {
            reply.Metadata[key] = value;
        }
        return reply;
    }

    private static ServerTags ToTags(IReadOnlyList<string> tags)
    {
        var reply = new ServerTags();
        reply.Tags.Add(tags);
        return reply;
    }
}
