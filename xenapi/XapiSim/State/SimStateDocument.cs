namespace XapiSim.State;

/// <summary>What is persisted to <c>state.json</c>: everything except sessions and tasks.</summary>
public sealed class SimStateDocument
{
    public int Version { get; set; } = 1;
    public long NextDomid { get; set; } = 1;
    public List<HostObject> Hosts { get; set; } = [];
    public List<HostMetricsObject> HostMetrics { get; set; } = [];
    public List<PoolObject> Pools { get; set; } = [];
    public List<SrObject> Srs { get; set; } = [];
    public List<PbdObject> Pbds { get; set; } = [];
    public List<VmObject> Vms { get; set; } = [];
    public List<VdiObject> Vdis { get; set; } = [];
    public List<VbdObject> Vbds { get; set; } = [];
    public List<ConsoleObject> Consoles { get; set; } = [];
}
