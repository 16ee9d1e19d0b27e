using ControlPlane.XenApi.Errors;
using XapiSim.Console;
using XapiSim.Dispatch;
using XapiSim.State;

namespace XapiSim.Messages;

/// <summary>host and pool messages beyond the generic getters.</summary>
public sealed class HostMessages : ISimMessageSet
{
    public IEnumerable<SimMessage> Messages =>
    [
        new("host.compute_free_memory", 1, 1, c => c.Obj(c.Db.Hosts, 0).MemoryFree(c.Db)) { Mutates = false },
        new("host.get_software_version", 1, 1, c => { c.Obj(c.Db.Hosts, 0); return HostObject.SoftwareVersion(); }) { Mutates = false, AsyncAllowed = false },
        new("host.call_plugin", 4, 4, CallPlugin) { Mutates = false },
    ];

    private static object? CallPlugin(SimCall c)
    {
        c.Obj(c.Db.Hosts, 0);
        var (plugin, fn) = (c.Str(1), c.Str(2));
        return (plugin, fn) switch
        {
            (GuestConsoleLog.Plugin, GuestConsoleLog.Function) => GuestConsoleLog.Read(c.Db, c.Map(3, "args")),
            (GuestConsoleLog.Plugin, _) => throw new XenApiFailure(XenApiErrorCodes.XenApiPluginFailure, [fn, "KeyError", fn]),
            _ => throw new XenApiFailure(XenApiErrorCodes.XenApiMissingPlugin, [plugin]),
        };
    }
}
