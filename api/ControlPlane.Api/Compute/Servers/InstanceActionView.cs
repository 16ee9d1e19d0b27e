using System.Text.Json.Nodes;
using ControlPlane.Api.Microversions;
using ControlPlane.Data.Instances;

namespace ControlPlane.Api.Compute.Servers;

/// <summary>Renders instance actions and their events as Nova does per microversion and role.</summary>
public static class InstanceActionView
{
    /// <summary>One action; <paramref name="withEvents"/> for the show form.</summary>
    public static JsonObject Render(InstanceActionRecord a, ApiVersion version, bool admin, bool withEvents, string projectId)
    {
        var body = new JsonObject
        {
            ["action"] = a.Action,
            ["instance_uuid"] = a.InstanceId.ToString("D"),
            ["message"] = a.Message,
            ["project_id"] = a.ProjectId,
            ["request_id"] = a.RequestId,
            ["start_time"] = ServerView.NaiveTime(a.StartTime),
            ["user_id"] = a.UserId,
        };
        if (version.AtLeast(58))
        {
            body["updated_at"] = ServerView.NaiveTime(a.UpdatedAt);
        }
        if (withEvents && (admin || version.AtLeast(51)))
        {
            body["events"] = new JsonArray(a.Events.Select(e => (JsonNode?)Event(e, version, admin, projectId)).ToArray());
        }
        return body;
    }

    private static JsonObject Event(InstanceActionEventRecord e, ApiVersion version, bool admin, string projectId)
    {
        var body = new JsonObject
        {
            ["event"] = e.Event,
            ["start_time"] = ServerView.NaiveTime(e.StartTime),
            ["finish_time"] = e.FinishTime is { } f ? ServerView.NaiveTime(f) : null,
            ["result"] = e.Result,
        };
        if (admin)
        {
            body["traceback"] = e.Traceback;
        }
        if (version.AtLeast(62))
        {
            body["hostId"] = ServerView.HostId(projectId, e.Host);
            if (admin)
            {
                body["host"] = e.Host ?? string.Empty;
            }
        }
        if (version.AtLeast(84))
        {
            body["details"] = null;
        }
        return body;
    }
}
