using ControlPlane.Compute.Virt.XenApi.Connection;
using ControlPlane.Compute.Virt.XenApi.Diagnostics;
using ControlPlane.XenApi.Errors;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Virt.XenApi.Ops;

/// <summary>
/// <c>SR.scan</c> of the driver's SR as Nova's later driver does it: scans are serialised in-process (a scan right
/// after another's VHD change must not race it), and <c>SR_BACKEND_FAILURE_40</c> (the SR is busy) is retried up to
/// 4 attempts in all, waiting 2, 4 then 8 s on the injected clock. Other failures propagate.
/// </summary>
public sealed class SrScans(XenApiHost xen, TimeProvider clock, ILogger logger)
{
    /// <summary>Attempts in all when the scan fails with <c>SR_BACKEND_FAILURE_40</c>.</summary>
    public const int MaxAttempts = 4;

    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task ScanAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await xen.Session.Sr.ScanAsync(xen.Sr, ct).ConfigureAwait(false);
                    return;
                }
                catch (XenApiFailure f) when (f.Code == XenApiErrorCodes.SrBackendFailureScan && attempt < MaxAttempts)
                {
                    var delay = TimeSpan.FromSeconds(1 << attempt);
                    XenApiDriverLog.SrScanRetry(logger, f.Code, delay);
                    await Task.Delay(delay, clock, ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }
}
