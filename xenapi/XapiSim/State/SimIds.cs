using ControlPlane.XenApi.Refs;

namespace XapiSim.State;

/// <summary>Fresh refs and uuids.</summary>
public static class SimIds
{
    public static string NewRef() => OpaqueRefs.NewRef();

    public static string NewUuid() => Guid.NewGuid().ToString("D");
}
