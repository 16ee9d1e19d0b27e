using ControlPlane.XenApi.Errors;
using XapiSim.Dispatch;
using XapiSim.Gc;
using XapiSim.State;
using XapiSim.Storage;

namespace XapiSim.Messages;

/// <summary>
/// <c>VDI.snapshot</c> / <c>VDI.clone</c> with FileSR's base-copy layout: before <c>X → P</c>, after
/// <c>X → B → P</c> and <c>S → B → P</c> with B a new hidden, unmanaged, read-only "base copy".
/// <c>driver_params["type"]</c> <c>single</c>/<c>internal</c> makes only the new X leaf (the base copy is returned).
/// </summary>
public sealed class VdiSnapshotMessages(SrStorage storage, SrSpace space, SrGarbageCollector gc) : ISimMessageSet
{
    public IEnumerable<SimMessage> Messages =>
    [
        new("VDI.snapshot", 1, 2, c => Snapshot(c, isSnapshot: true)),
        new("VDI.clone", 1, 2, c => Snapshot(c, isSnapshot: false)),
    ];

    private object? Snapshot(SimCall c, bool isSnapshot)
    {
        var leaf = c.Obj(c.Db.Vdis, 0);
        var driverParams = c.Has(1) ? c.Map(1, "driver_params") : [];
        if (!leaf.Managed)
        {
            throw new XenApiFailure(XenApiErrorCodes.OperationNotAllowed, ["VDI is not managed (a base copy)"]);
        }

        if (VdiRecords.Depth(c.Db, leaf) + 1 > SrStorage.MaxChainDepth)
        {
            throw new XenApiFailure(XenApiErrorCodes.SrBackendFailureChainTooLong, ["", "The snapshot chain is too long", ""]);
        }

        space.Ensure(c.Db, 2 * 8192);
        var type = driverParams.GetValueOrDefault("type", "double");
        var single = type is "single" or "internal";
        var baseUuid = SimIds.NewUuid();
        var snapshotUuid = single ? null : SimIds.NewUuid();
        var oldParent = leaf.VhdParent;
        storage.Snapshot(leaf.Uuid, baseUuid, snapshotUuid);

        var baseCopy = VdiRecords.New(c.Db, storage.Inspect(baseUuid), "base copy");
        baseCopy.Type = leaf.Type;
        if (oldParent is not null)
        {
            baseCopy.SmConfig["vhd-parent"] = oldParent;
        }

        SrScanner.Refresh(leaf, storage.Inspect(leaf.Uuid), hasChildren: false);
        gc.Kick();
        if (snapshotUuid is null)
        {
            return baseCopy.Ref;
        }

        var snapshot = VdiRecords.New(c.Db, storage.Inspect(snapshotUuid), leaf.NameLabel);
        snapshot.NameDescription = leaf.NameDescription;
        snapshot.Type = leaf.Type;
        snapshot.OtherConfig = new Dictionary<string, string>(leaf.OtherConfig);
        snapshot.IsASnapshot = isSnapshot;
        snapshot.SnapshotOf = isSnapshot ? leaf.Ref : ControlPlane.XenApi.Refs.OpaqueRefs.Null;
        snapshot.SnapshotTime = isSnapshot ? c.Db.Clock.GetUtcNow().UtcDateTime : ControlPlane.XenApi.Wire.XenDateTime.Epoch;
        return snapshot.Ref;
    }
}
