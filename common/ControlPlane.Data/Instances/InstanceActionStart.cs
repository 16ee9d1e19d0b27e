namespace ControlPlane.Data.Instances;

/// <summary>The instance action row a request starts (Nova's <c>InstanceAction.action_start</c>).</summary>
/// <param name="Action">Action name, e.g. <c>lock</c>.</param>
/// <param name="RequestId">The request id (<c>req-...</c>).</param>
/// <param name="UserId">The caller's user id.</param>
/// <param name="ProjectId">The caller's project id.</param>
/// <param name="Now">Start time.</param>
public sealed record InstanceActionStart(string Action, string RequestId, string UserId, string ProjectId, DateTimeOffset Now);
