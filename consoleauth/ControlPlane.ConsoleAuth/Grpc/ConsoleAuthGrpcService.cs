using ControlPlane.ConsoleAuth.Consoles;
using ControlPlane.ConsoleAuth.Tokens;
using ControlPlane.Domain.Errors;
using ControlPlane.Protos.ConsoleAuth.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace ControlPlane.ConsoleAuth.Grpc;

/// <summary><c>controlplane.consoleauth.v1.ConsoleAuth</c>: parses, calls <see cref="ConsoleAuthManager"/>, maps the record.</summary>
public sealed class ConsoleAuthGrpcService(ConsoleAuthManager manager) : Protos.ConsoleAuth.V1.ConsoleAuth.ConsoleAuthBase
{
    /// <inheritdoc />
    public override async Task<AuthorizeReply> Authorize(AuthorizeRequest request, ServerCallContext context)
    {
        var issued = await manager.AuthorizeAsync(request, context.CancellationToken);
        return new AuthorizeReply { Token = issued.Token, AccessUrl = issued.AccessUrl, ExpiresAt = Timestamp.FromDateTimeOffset(issued.ExpiresAt) };
    }

    /// <inheritdoc />
    public override async Task<ConsoleToken> Check(CheckRequest request, ServerCallContext context)
    {
        var record = await manager.CheckAsync(request.Token, context.CancellationToken);
        return ToMessage(record);
    }

    /// <inheritdoc />
    public override async Task<RevokeForInstanceReply> RevokeForInstance(RevokeForInstanceRequest request, ServerCallContext context)
    {
        if (!Guid.TryParse(request.InstanceId, out var instanceId))
        {
            throw new InvalidException($"instance_id '{request.InstanceId}' is not a uuid.");
        }
        var removed = await manager.RevokeForInstanceAsync(instanceId, string.IsNullOrWhiteSpace(request.Reason) ? "unspecified" : request.Reason);
        return new RevokeForInstanceReply { Revoked = (int)Math.Min(removed, int.MaxValue) };
    }

    private static ConsoleToken ToMessage(ConsoleTokenRecord record) => new()
    {
        InstanceId = record.InstanceId.ToString("D"),
        InstanceName = record.InstanceName,
        ComputeHost = record.ComputeHost,
        ConsoleType = record.ConsoleType,
        Endpoint = new ConsoleEndpoint { Host = record.Host, Port = record.Port, InternalAccessPath = record.InternalAccessPath },
        AccessUrlBase = record.AccessUrlBase,
        ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeSeconds(record.ExpiresUnixSeconds)),
    };
}
