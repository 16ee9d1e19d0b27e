using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ControlPlane.Messaging.Diagnostics;

/// <summary>The ActivitySource and Meter of ControlPlane.Messaging (both named <see cref="Name"/>).</summary>
public static class MessagingTelemetry
{
    /// <summary>Source and meter name, listened to by <c>AddServiceDefaults</c>.</summary>
    public const string Name = "ControlPlane.Messaging";

    /// <summary>Spans of publishes and message processing, tagged with <c>messaging.*</c> conventions.</summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Messages published, by destination and kind (cast, call, reply, notification).</summary>
    internal static readonly Counter<long> Published = Meter.CreateCounter<long>("controlplane.messaging.published", "{message}");

    /// <summary>Messages consumed, by destination and outcome (ack, requeue, dead_letter).</summary>
    internal static readonly Counter<long> Consumed = Meter.CreateCounter<long>("controlplane.messaging.consumed", "{message}");

    /// <summary>Handler duration in seconds, by destination and message type.</summary>
    internal static readonly Histogram<double> HandlerDuration = Meter.CreateHistogram<double>("controlplane.messaging.handler.duration", "s");

    /// <summary>Tag: messaging system.</summary>
    internal const string System = "rabbitmq";
}
