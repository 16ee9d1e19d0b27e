using ControlPlane.XenApi.Errors;
using XapiSim.Faults;
using XapiSim.State;

namespace XapiSim.Messages;

/// <summary>SR free-space checks: SM fails allocations with error 44 (SRNoSpace).</summary>
public sealed class SrSpace(SimSwitches switches)
{
    public void Ensure(SimDatabase db, long bytes)
    {
        var sr = db.Sr;
        if (switches.SrFull || sr.PhysicalUtilisation(db) + bytes > sr.PhysicalSize)
        {
            throw new XenApiFailure(XenApiErrorCodes.SrBackendFailureNoSpace, ["", "There is insufficient space", ""]);
        }
    }
}
