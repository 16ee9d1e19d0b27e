namespace ControlPlane.Messaging.Abstractions;

/// <summary>Queue (topic) names on the <c>controlplane</c> exchange.</summary>
public static class Topics
{
    public const string Exchange = "controlplane";
    public const string Conductor = "conductor";
    public const string Scheduler = "scheduler";

    /// <summary>The queue of one compute host.</summary>
    public static string Compute(string host) => "compute." + host;
}
