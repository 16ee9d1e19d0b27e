using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Refs;
using XapiSim.Dispatch;
using XapiSim.Gc;
using XapiSim.State;
using XapiSim.Storage;

namespace XapiSim.Messages;

/// <summary>VDI constructor, destructor, resize and copy on the file SR. Snapshot/clone live in <see cref="VdiSnapshotMessages"/>.</summary>
public sealed class VdiMessages(SrStorage storage, SrSpace space, SrGarbageCollector gc) : ISimMessageSet
{
    private static readonly XenApiFailure InvalidSize = new(XenApiErrorCodes.SrBackendFailureVdiSize, ["", "VDI Invalid size", ""]);

    public IEnumerable<SimMessage> Messages =>
    [
        new("VDI.create", 1, 1, Create),
        new("VDI.destroy", 1, 1, Destroy),
        new("VDI.forget", 1, 1, c => { c.Db.Vdis.Remove(c.Obj(c.Db.Vdis, 0).Ref); return ""; }),
        new("VDI.copy", 1, 4, Copy),
        new("VDI.resize", 2, 2, c => Resize(c, online: false)),
        new("VDI.resize_online", 2, 2, c => Resize(c, online: true)),
    ];

    private object? Create(SimCall c)
    {
        var r = new RecordArgs(c.Struct(0, "args"));
        c.Db.Srs.Get(r.Str("SR"));
        var requested = r.Long("virtual_size");
        if (requested < 0 || requested > SrStorage.MaxVirtualSize)
        {
            throw InvalidSize;
        }

        var size = Math.Max(SrStorage.SizeQuantum, SrStorage.RoundSize(requested));
        space.Ensure(c.Db, size / SrStorage.SizeQuantum * 4 + 4096);
        var uuid = SimIds.NewUuid();
        storage.CreateDynamic(uuid, size);
        var vdi = VdiRecords.New(c.Db, storage.Inspect(uuid), r.Str("name_label", ""));
        vdi.NameDescription = r.Str("name_description", "");
        vdi.Type = r.Str("type").ToLowerInvariant();
        vdi.Sharable = r.Bool("sharable", false);
        vdi.ReadOnly = r.Bool("read_only", false);
        vdi.OtherConfig = r.Map("other_config");
        vdi.XenstoreData = r.Map("xenstore_data");
        vdi.Tags = r.Strings("tags");
        foreach (var (k, v) in r.Map("sm_config"))
        {
            vdi.SmConfig[k] = v;
        }

        return vdi.Ref;
    }

    private object? Destroy(SimCall c)
    {
        var vdi = c.Obj(c.Db.Vdis, 0);
        if (VdiRecords.IsAttached(c.Db, vdi))
        {
            throw new XenApiFailure(XenApiErrorCodes.VdiInUse, [vdi.Ref, "destroy"]);
        }

        if (!vdi.Managed)
        {
            throw new XenApiFailure(XenApiErrorCodes.OperationNotAllowed, ["VDI is not managed (a base copy): the SR garbage collector removes it"]);
        }

        // NOTE(xenapi): as FileVDI.delete, a VDI other VHDs still depend on is only hidden; the GC prunes it later.
        var hasChildren = c.Db.Vdis.All.Any(v => v.VhdParent == vdi.Uuid) || storage.ScanFiles().Any(n => n.ParentUuid == vdi.Uuid);
        if (hasChildren)
        {
            storage.SetHidden(vdi.Uuid, hidden: true);
        }
        else
        {
            storage.Delete(vdi.Uuid);
        }

        foreach (var vbd in c.Db.Vbds.All.Where(b => b.Vdi == vdi.Ref).ToList())
        {
            c.Db.Vbds.Remove(vbd.Ref);
        }

        c.Db.Vdis.Remove(vdi.Ref);
        gc.Kick();
        return "";
    }

    private object? Copy(SimCall c)
    {
        var source = c.Obj(c.Db.Vdis, 0);
        if (c.Has(1) && !OpaqueRefs.IsNull(c.Str(1)))
        {
            c.Obj(c.Db.Srs, 1);
        }

        if (c.Has(3) && !OpaqueRefs.IsNull(c.Str(3)))
        {
            var into = c.Obj(c.Db.Vdis, 3);
            space.Ensure(c.Db, 0);
            storage.CopyContent(storage.PathOf(source.Uuid), into.Uuid);
            SrScanner.Refresh(into, storage.Inspect(into.Uuid), c.Db.Vdis.All.Any(v => v.VhdParent == into.Uuid));
            return into.Ref;
        }

        space.Ensure(c.Db, ChainBytes(c.Db, source));
        var uuid = SimIds.NewUuid();
        storage.Flatten(source.Uuid, uuid);
        var copy = VdiRecords.New(c.Db, storage.Inspect(uuid), source.NameLabel);
        copy.NameDescription = source.NameDescription;
        copy.Type = source.Type;
        copy.OtherConfig = new Dictionary<string, string>(source.OtherConfig);
        return copy.Ref;
    }

    private object? Resize(SimCall c, bool online)
    {
        var vdi = c.Obj(c.Db.Vdis, 0);
        var requested = c.Long(1, "size");
        if (!online && VdiRecords.IsAttached(c.Db, vdi))
        {
            throw new XenApiFailure(XenApiErrorCodes.VdiInUse, [vdi.Ref, "resize"]);
        }

        var size = SrStorage.RoundSize(requested);
        if (requested < 0 || size < vdi.VirtualSize || size > SrStorage.MaxVirtualSize)
        {
            throw InvalidSize;
        }

        space.Ensure(c.Db, 0);
        storage.Resize(vdi.Uuid, size);
        SrScanner.Refresh(vdi, storage.Inspect(vdi.Uuid), c.Db.Vdis.All.Any(v => v.VhdParent == vdi.Uuid));
        return "";
    }

    private static long ChainBytes(SimDatabase db, VdiObject vdi)
    {
        long total = 0;
        for (VdiObject? node = vdi; node is not null; node = node.VhdParent is { } p ? db.Vdis.FindByUuid(p) : null)
        {
            total += node.PhysicalUtilisation;
        }

        return total;
    }
}
