namespace XapiSim.Faults;

/// <summary>Run-time switches set through the admin endpoints.</summary>
public sealed class SimSwitches
{
    /// <summary>When true every SR allocation fails with <c>SR_BACKEND_FAILURE_44</c> (<c>POST /_sim/sr-full</c>).</summary>
    public volatile bool SrFull;
}
