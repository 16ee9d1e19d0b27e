namespace ControlPlane.EndToEndTests.Infrastructure;

/// <summary>How often end-to-end waits (<c>Eventually</c>) re-check the stack: HTTP and SQL probes, not in-process state.</summary>
internal static class Poll
{
    /// <summary>Pause between two checks: 200 ms.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
}
