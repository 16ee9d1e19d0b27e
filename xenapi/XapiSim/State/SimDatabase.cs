namespace XapiSim.State;

/// <summary>
/// All tables of the simulated host. Every API call runs under <see cref="Lock"/> (one writer at a
/// time, as a single XAPI database would serialise them); long disk streams run outside it.
/// </summary>
public sealed class SimDatabase(TimeProvider clock)
{
    public SemaphoreSlim Lock { get; } = new(1, 1);

    public TimeProvider Clock { get; } = clock;

    public SimTable<VmObject> Vms { get; } = new("VM");

    public SimTable<VdiObject> Vdis { get; } = new("VDI");

    public SimTable<VbdObject> Vbds { get; } = new("VBD");

    public SimTable<SrObject> Srs { get; } = new("SR");

    public SimTable<PbdObject> Pbds { get; } = new("PBD");

    public SimTable<HostObject> Hosts { get; } = new("host");

    public SimTable<HostMetricsObject> HostMetrics { get; } = new("host_metrics");

    public SimTable<PoolObject> Pools { get; } = new("pool");

    public SimTable<TaskObject> Tasks { get; } = new("task");

    public SimTable<ConsoleObject> Consoles { get; } = new("console");

    public SimTable<SessionObject> Sessions { get; } = new("session");

    /// <summary>Next domain id handed out at VM start (dom0 is 0).</summary>
    public long NextDomid { get; set; } = 1;

    public HostObject Host => Hosts.All.First();

    public PoolObject Pool => Pools.All.First();

    public SrObject Sr => Srs.All.First();

    /// <summary>The table for a XenAPI class name (case-sensitive, as on the wire), or null.</summary>
    public ISimTable? Table(string xenClass) => xenClass switch
    {
        "VM" => Vms,
        "VDI" => Vdis,
        "VBD" => Vbds,
        "SR" => Srs,
        "PBD" => Pbds,
        "host" => Hosts,
        "host_metrics" => HostMetrics,
        "pool" => Pools,
        "task" => Tasks,
        "console" => Consoles,
        "session" => Sessions,
        _ => null,
    };
}
