namespace XapiSim.Options;

/// <summary>Background SR garbage collector (configuration section <c>Sim:Gc</c>, e.g. <c>--Sim:Gc:QuietPeriod=00:00:02</c>).</summary>
public sealed class GcOptions
{
    public const string Section = "Sim:Gc";

    /// <summary>Wait after a kick (SR.scan, VDI.destroy, VDI.snapshot) before collecting; kicks while waiting do not extend it.
    /// Real SM waits 5 minutes; default here 10 seconds so Nova-style coalesce polling (20 × 5 s) succeeds.</summary>
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Start with the GC paused (also switchable at run time via <c>POST /_sim/gc</c>). Default false.</summary>
    public bool Paused { get; set; }
}
