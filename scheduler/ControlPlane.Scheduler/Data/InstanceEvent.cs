namespace ControlPlane.Scheduler.Data;

/// <summary>An instance action event to record (Nova's <c>instance_action_events</c> row).</summary>
/// <param name="Name">Event name, e.g. <c>schedule_and_build_instances</c>.</param>
/// <param name="Result"><c>Success</c> or <c>Error</c>.</param>
/// <param name="Host">Host the event happened for, if any.</param>
/// <param name="RequestId">Request id used if an action row has to be created.</param>
/// <param name="StartedAt">When the work began.</param>
/// <param name="FinishedAt">When it finished.</param>
public sealed record InstanceEvent(string Name, string Result, string? Host, string RequestId, DateTimeOffset StartedAt, DateTimeOffset FinishedAt)
{
    /// <summary>Result value of a successful event.</summary>
    public const string Success = "Success";

    /// <summary>Result value of a failed event.</summary>
    public const string Error = "Error";

    /// <summary>The conductor's event for scheduling and casting a build.</summary>
    public const string ScheduleAndBuild = "schedule_and_build_instances";
}
