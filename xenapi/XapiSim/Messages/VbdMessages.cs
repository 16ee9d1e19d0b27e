using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Refs;
using XapiSim.Dispatch;
using XapiSim.State;

namespace XapiSim.Messages;

/// <summary>VBD constructor, destructor and hot-plug rules.</summary>
public sealed class VbdMessages : ISimMessageSet
{
    public IEnumerable<SimMessage> Messages =>
    [
        new("VBD.create", 1, 1, Create),
        new("VBD.destroy", 1, 1, Destroy),
        new("VBD.plug", 1, 1, Plug),
        new("VBD.unplug", 1, 1, c => Unplug(c, force: false)),
        new("VBD.unplug_force", 1, 1, c => Unplug(c, force: true)),
        new("VBD.insert", 2, 2, Insert),
        new("VBD.eject", 1, 1, Eject),
    ];

    private static object? Create(SimCall c)
    {
        var r = new RecordArgs(c.Struct(0, "args"));
        var vm = c.Db.Vms.Get(r.Str("VM"));
        var empty = r.Bool("empty", false);
        var vdiRef = r.Str("VDI", OpaqueRefs.Null);
        if (!empty || !OpaqueRefs.IsNull(vdiRef))
        {
            c.Db.Vdis.Get(vdiRef);
        }

        var type = r.Str("type", "Disk");
        var userdevice = r.Str("userdevice");
        var taken = c.Db.Vbds.All.Where(b => b.Vm == vm.Ref).Select(b => b.Userdevice).ToHashSet(StringComparer.Ordinal);
        if (userdevice == "autodetect")
        {
            userdevice = Enumerable.Range(0, 16).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).First(d => !taken.Contains(d));
        }
        else if (taken.Contains(userdevice))
        {
            throw new XenApiFailure("DEVICE_ALREADY_EXISTS", [userdevice]);
        }

        var vbd = new VbdObject
        {
            Ref = SimIds.NewRef(),
            Uuid = SimIds.NewUuid(),
            Vm = vm.Ref,
            Vdi = OpaqueRefs.IsNull(vdiRef) ? OpaqueRefs.Null : vdiRef,
            Userdevice = userdevice,
            Bootable = r.Bool("bootable", false),
            Mode = r.Str("mode", "RW").ToUpperInvariant() == "RO" ? "RO" : "RW",
            Type = type.ToLowerInvariant() switch { "cd" => "CD", "floppy" => "Floppy", _ => "Disk" },
            Unpluggable = r.Bool("unpluggable", true),
            Empty = empty,
            OtherConfig = r.Map("other_config"),
            QosAlgorithmType = r.Str("qos_algorithm_type", ""),
            QosAlgorithmParams = r.Map("qos_algorithm_params"),
        };
        c.Db.Vbds.Add(vbd);
        return vbd.Ref;
    }

    private static object? Destroy(SimCall c)
    {
        var vbd = c.Obj(c.Db.Vbds, 0);
        if (vbd.CurrentlyAttached && c.Db.Vms.Find(vbd.Vm) is { IsRunningLike: true })
        {
            throw new XenApiFailure(XenApiErrorCodes.OperationNotAllowed, ["VBD is currently attached"]);
        }

        c.Db.Vbds.Remove(vbd.Ref);
        return "";
    }

    private static object? Plug(SimCall c)
    {
        var vbd = c.Obj(c.Db.Vbds, 0);
        var vm = c.Db.Vms.Get(vbd.Vm);
        PowerRules.RequireState(vm, "Running");
        if (vbd.CurrentlyAttached)
        {
            throw new XenApiFailure(XenApiErrorCodes.DeviceAlreadyAttached, [vbd.Ref]);
        }

        vbd.CurrentlyAttached = true;
        vbd.Device = Domains.DeviceName(vbd.Userdevice);
        return "";
    }

    private static object? Unplug(SimCall c, bool force)
    {
        var vbd = c.Obj(c.Db.Vbds, 0);
        var vm = c.Db.Vms.Get(vbd.Vm);
        if (!vbd.CurrentlyAttached)
        {
            throw new XenApiFailure(XenApiErrorCodes.DeviceAlreadyDetached, [vbd.Ref]);
        }

        PowerRules.RequireState(vm, "Running");
        if (!force && !vbd.Unpluggable)
        {
            throw new XenApiFailure(XenApiErrorCodes.VbdNotUnpluggable, [vbd.Ref]);
        }

        vbd.CurrentlyAttached = false;
        return "";
    }

    private static object? Insert(SimCall c)
    {
        var vbd = c.Obj(c.Db.Vbds, 0);
        var vdi = c.Obj(c.Db.Vdis, 1);
        if (vbd.Type != "CD")
        {
            throw new XenApiFailure("VBD_NOT_REMOVABLE_MEDIA", [vbd.Ref]);
        }

        if (!vbd.Empty)
        {
            throw new XenApiFailure("VBD_NOT_EMPTY", [vbd.Ref]);
        }

        vbd.Vdi = vdi.Ref;
        vbd.Empty = false;
        return "";
    }

    private static object? Eject(SimCall c)
    {
        var vbd = c.Obj(c.Db.Vbds, 0);
        if (vbd.Type != "CD")
        {
            throw new XenApiFailure("VBD_NOT_REMOVABLE_MEDIA", [vbd.Ref]);
        }

        if (vbd.Empty)
        {
            throw new XenApiFailure("VBD_IS_EMPTY", [vbd.Ref]);
        }

        vbd.Vdi = OpaqueRefs.Null;
        vbd.Empty = true;
        return "";
    }
}
