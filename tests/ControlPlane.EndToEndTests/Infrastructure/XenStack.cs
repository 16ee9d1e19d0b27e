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
        var start = DateTimeOffset.UtcNow;
        while (true)
        {
            var xen = await CountUpAsync(db, "c.hypervisor_type = 'xen'");
            var other = await CountUpAsync(db, "c.hypervisor_type <> 'xen'");
            if (xen > 0 && other == 0)
            {
                return;
            }
            var waited = DateTimeOffset.UtcNow - start;
            if (xen == 0 && waited > XenComputeDeadline)
            {
                throw new InvalidOperationException(
                    $"No compute with the XenApi driver is up (none reported hypervisor_type xen in the last 60 s): run `{XenHosts.UpCommand}`.");
            }
            if (waited > OtherDriversGoneDeadline)
            {
                throw new InvalidOperationException(
                    $"{other} compute(s) of another driver still report beside the XenApi ones: run `deploy/down --services` then `{XenHosts.UpCommand}`.");
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static async Task<long> CountUpAsync(Database db, string driverCondition) =>
        await db.ScalarAsync<long>($"""
            SELECT count(*) FROM services s JOIN compute_nodes c ON c.host = s.host
            WHERE s.binary_name = 'controlplane-compute' AND NOT s.disabled AND NOT s.forced_down
              AND s.last_seen_at >= now() - interval '60 seconds' AND {driverCondition}
            """);
}
