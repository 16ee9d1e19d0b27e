using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using XapiSim.Options;
using XapiSim.State;
using XapiSim.Storage;

namespace XapiSim.Hosting;

/// <summary>Loads <c>state.json</c> or creates a fresh host (host, metrics, pool, "Local storage" SR + PBD,
/// control domain), applies the configured name/address/sizes, then scans the SR.</summary>
public sealed class SimBootstrap(
    SimDatabase db,
    SimPersistence persistence,
    SrScanner scanner,
    IOptions<SimOptions> options,
    ILogger<SimBootstrap> logger)
{
    public void Initialize()
    {
        var o = options.Value;
        Directory.CreateDirectory(persistence.SrDirectory);
        db.Lock.Wait();
        try
        {
            if (!persistence.Load(db))
            {
                CreateFresh();
            }

            var host = db.Host;
            host.NameLabel = o.HostName;
            host.Hostname = o.HostName;
            host.Address = o.Address;
            host.MemoryTotal = o.HostMemory;
            host.CpuCount = o.CpuCount;
            db.Pool.NameLabel = o.HostName;
            db.Sr.PhysicalSize = o.SrPhysicalSize;
            db.Pbds.All.First().DeviceConfig["path"] = persistence.SrDirectory;
            var dom0 = db.Vms.All.First(v => v.IsControlDomain);
            dom0.NameLabel = $"Control domain on host: {o.HostName}";
            dom0.MemoryStaticMax = dom0.MemoryDynamicMax = dom0.MemoryDynamicMin = dom0.MemoryTarget = o.Dom0Memory;
            scanner.Scan(db);
            persistence.Save(db);
            SimLog.Ready(logger, o.HostName, persistence.DataDirectory, db.Vms.Count - 1, db.Vdis.Count);
        }
        finally
        {
            db.Lock.Release();
        }
    }

    private void CreateFresh()
    {
        var host = new HostObject { Ref = SimIds.NewRef(), Uuid = SimIds.NewUuid() };
        var metrics = new HostMetricsObject { Ref = SimIds.NewRef(), Uuid = SimIds.NewUuid() };
        host.Metrics = metrics.Ref;
        var sr = new SrObject { Ref = SimIds.NewRef(), Uuid = SimIds.NewUuid(), NameLabel = "Local storage" };
        var pbd = new PbdObject { Ref = SimIds.NewRef(), Uuid = SimIds.NewUuid(), Host = host.Ref, Sr = sr.Ref };
        pbd.DeviceConfig["device"] = "/dev/sda3";
        var pool = new PoolObject { Ref = SimIds.NewRef(), Uuid = SimIds.NewUuid(), Master = host.Ref, DefaultSr = sr.Ref };
        var dom0 = new VmObject
        {
            Ref = SimIds.NewRef(),
            Uuid = SimIds.NewUuid(),
            IsControlDomain = true,
            PowerState = "Running",
            Domid = 0,
            ResidentOn = host.Ref,
            VcpusMax = 4,
            VcpusAtStartup = 4,
        };
        db.Hosts.Add(host);
        db.HostMetrics.Add(metrics);
        db.Srs.Add(sr);
        db.Pbds.Add(pbd);
        db.Pools.Add(pool);
        db.Vms.Add(dom0);
        db.NextDomid = 1;
    }
}
