namespace ControlPlane.Api.Compute.ServerGroups;

/// <summary>Log messages of server groups in the api (EventIds 1700-1709).</summary>
internal static partial class ServerGroupApiLog
{
    [LoggerMessage(EventId = 1700, EventName = "ServerGroupCreated", Level = LogLevel.Information,
        Message = "Server group {GroupId} created in project {ProjectId} with policy {Policy} (max_server_per_host {MaxServerPerHost})")]
    public static partial void Created(ILogger logger, Guid groupId, string projectId, string policy, int? maxServerPerHost);

    [LoggerMessage(EventId = 1701, EventName = "ServerGroupDeleted", Level = LogLevel.Information,
        Message = "Server group {GroupId} of project {ProjectId} deleted with {Members} members")]
    public static partial void Deleted(ILogger logger, Guid groupId, string projectId, int members);
}
