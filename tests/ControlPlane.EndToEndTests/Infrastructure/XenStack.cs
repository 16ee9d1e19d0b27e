namespace ControlPlane.EndToEndTests.Infrastructure;

/// <summary>
/// The precondition of every E2EXen test: the stack's XapiSim hosts are listed, at least one compute reporting
/// <c>hypervisor_type = xen</c> is up, and no compute of another driver still counts as up (after a switch from
/// the fake stack, the stopped fake computes stay "up" for the scheduler's service_down_time, 60 s, and would
/// take builds: this waits them out). Fails with the command to run; never skips.
/// </summary>
public static class XenStack
{
    private static readonly TimeSpan XenComputeDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan OtherDriversGoneDeadline = TimeSpan.FromSeconds(100);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IReadOnlyList<XenHost>? checkedHosts;

    /// <summary>The stack's XapiSim hosts, once the precondition holds (checked once per test run).</summary>
    public static async Task<IReadOnlyList<XenHost>> RequireAsync(StackEnvironment stack)
    {
        await Gate.WaitAsync();
        try
        {
            if (checkedHosts is not null)
            {
                return checkedHosts;
            }
            var hosts = XenHosts.Load(stack);
            await WaitForXenComputesOnlyAsync(new Database(stack));
            checkedHosts = hosts;
            return hosts;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task WaitForXenComputesOnlyAsync(Database db)
    {
        await Eventually.UntilAsync(() => CountUpAsync(db, "c.hypervisor_type = 'xen'"), xen => xen > 0,
            $"a compute with the XenApi driver to report hypervisor_type xen (none did in the last 60 s: run `{XenHosts.UpCommand}`)",
            XenComputeDeadline, TimeSpan.FromSeconds(1));
        await Eventually.UntilAsync(() => CountUpAsync(db, "c.hypervisor_type <> 'xen'"), other => other == 0,
            $"computes of other drivers to stop reporting beside the XenApi ones (run `deploy/down --services` then `{XenHosts.UpCommand}`)",
            OtherDriversGoneDeadline, TimeSpan.FromSeconds(1));
    }

    private static async Task<long> CountUpAsync(Database db, string driverCondition) =>
        await db.ScalarAsync<long>($"""
            SELECT count(*) FROM services s JOIN compute_nodes c ON c.host = s.host
            WHERE s.binary_name = 'controlplane-compute' AND NOT s.disabled AND NOT s.forced_down
              AND s.last_seen_at >= now() - interval '60 seconds' AND {driverCondition}
            """);
}
