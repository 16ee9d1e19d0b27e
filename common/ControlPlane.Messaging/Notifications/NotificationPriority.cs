namespace ControlPlane.Messaging.Notifications;

/// <summary>Notification priority; selects the routing key <c>notifications.info</c> or <c>notifications.error</c>.</summary>
public enum NotificationPriority
{
    /// <summary>Routine event (routing key <c>notifications.info</c>).</summary>
    Info,

    /// <summary>Failure event (routing key <c>notifications.error</c>).</summary>
    Error,
}
