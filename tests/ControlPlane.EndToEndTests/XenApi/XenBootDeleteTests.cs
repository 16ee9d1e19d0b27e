using ControlPlane.EndToEndTests.Infrastructure;
using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Records;

namespace ControlPlane.EndToEndTests.XenApi;

/// <summary>
/// Boot and delete through the stock CLI on the XenApi stack, checked through XenAPI on the XapiSim hosts: the VM
/// carries Nova's name-label and <c>nova_uuid</c>, its root disk is a copy-on-write child of the cached image, and a
/// delete leaves nothing but cached images in the SR.
/// </summary>
[Trait("Category", "E2EXen")]
public sealed class XenBootDeleteTests
{
    private static readonly TimeSpan GcSettleDeadline = TimeSpan.FromSeconds(90);
    private readonly StackEnvironment stack = StackEnvironment.Load();

    [Fact]
    public async Task Server_create_runs_a_vm_on_a_child_of_the_cached_image_and_delete_leaves_only_cached_images()
    {
        var hosts = await XenStack.RequireAsync(stack);
        var connections = hosts.Select(h => h.Connect()).ToList();
        var cli = new OpenStackCli(stack, "controlplane-demo");
        string? serverId = null;
        var deleted = false;
        try
        {
            var before = new Dictionary<string, Dictionary<string, HashSet<string>>>();
            foreach (var connection in connections)
            {
                before[connection.Host.Name] = await XenDisks.VdisBySrAsync(connection.Session);
            }

            var server = await cli.JsonAsync("server", "create", "--flavor", "m1.tiny", "--image", ServerRequests.Image, "--wait",
                "xenboot-" + Guid.NewGuid().ToString("N")[..8]);
            serverId = server.GetProperty("id").GetString()!;
            Assert.Equal("ACTIVE", server.GetProperty("status").GetString());
            var id = Guid.Parse(serverId);

            using var admin = await ComputeClient.LoginAsync(stack, "admin", "admin");
            var (_, shown, _) = await admin.SendAsync(HttpMethod.Get, "/compute/v2.1/servers/" + serverId);
            var instanceName = shown!["server"]!["OS-EXT-SRV-ATTR:instance_name"]!.GetValue<string>();

            var vm = await XenDisks.FindVmAsync(connections, id)
                ?? throw new Xunit.Sdk.XunitException($"No VM with other_config nova_uuid={serverId} on any XapiSim host of .run/xapisim.json.");
            Assert.Equal(instanceName, vm.Record.NameLabel);
            Assert.Equal(VmPowerState.Running, vm.Record.PowerState);
            var session = vm.Connection.Session;

            var (_, root) = await XenDisks.RootVdiAsync(session, vm.Ref);
            Assert.Equal(serverId, root.OtherConfig.GetValueOrDefault(XenDisks.VdiInstanceKey));
            var srVdis = await XenDisks.SrVdisAsync(session, root.Sr);
            var cached = srVdis.Values.Single(v => v.OtherConfig.GetValueOrDefault(XenDisks.ImageKey) == ServerRequests.Image);
            var rootChain = await XenDisks.ChainAsync(session, root);
            var cachedChain = await XenDisks.ChainAsync(session, cached);
            // VDI.clone of the cached image: the root is a differencing child whose parent is the cached image's VHD or
            // the (hidden) base copy both now sit on; either way the image bits are shared, not copied.
            Assert.True(rootChain.Count >= 2, $"root VDI {root.Uuid} has no vhd-parent: it is not a child of the cached image");
            Assert.Contains(rootChain[1], cachedChain);
            Assert.Equal(cachedChain[^1], rootChain[^1]);

            (await cli.RunAsync("server", "delete", "--wait", serverId)).EnsureSuccess("server delete");
            deleted = true;
            Assert.Null(await XenDisks.FindVmAsync(connections, id));

            // The SR ends as it was plus, at most, the image cached by this boot (the GC folds the base copy back): no
            // more VDIs than before (fewer if the GC was still removing an earlier test's garbage), none of them new
            // but a cached image. On a shared dev stack other users' servers may come and go in the same SR meanwhile;
            // then every VDI added since must belong to them, to a cached image, or be hidden under one of those.
            var srUuid = (await session.Sr.GetRecordAsync(root.Sr)).Uuid;
            var beforeSr = before[vm.Connection.Host.Name].GetValueOrDefault(srUuid) ?? [];
            var expected = beforeSr.Count + (beforeSr.Contains(cached.Uuid) ? 0 : 1);
            // Observes what is left behind (empty once settled), so a timeout lists the leaked VDIs.
            await Eventually.UntilAsync(async () =>
            {
                var after = await XenDisks.SrVdisAsync(session, root.Sr);
                var leaked = Leftovers(after, beforeSr, serverId);
                var concurrent = after.Values.Any(v => !beforeSr.Contains(v.Uuid) && IsOtherInstance(v, serverId));
                return leaked.Count == 0 && (concurrent || after.Count <= expected)
                    ? ""
                    : $"{after.Count} VDIs, at most {expected} expected; left behind: {string.Join(", ", leaked.Select(v => $"{v.Uuid} ({v.NameLabel})"))}";
            }, left => left.Length == 0, $"SR {srUuid} of {vm.Connection.Host.Name} to settle after the delete", GcSettleDeadline, TimeSpan.FromMilliseconds(500));
        }
        finally
        {
            if (serverId is not null && !deleted)
            {
                await cli.RunAsync("server", "delete", "--wait", serverId);
            }
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static bool IsOtherInstance(VdiRecord v, string serverId) =>
        v.OtherConfig.TryGetValue(XenDisks.VdiInstanceKey, out var owner) && owner != serverId;

    /// <summary>VDIs added since <paramref name="before"/> that are ours, or neither a cached image, another instance's
    /// disk, nor a hidden ancestor of one of those.</summary>
    private static List<VdiRecord> Leftovers(Dictionary<string, VdiRecord> after, HashSet<string> before, string serverId)
    {
        var kept = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var holder in after.Values.Where(v => v.OtherConfig.ContainsKey(XenDisks.ImageKey) || IsOtherInstance(v, serverId)))
        {
            // Everything up the holder's chain is in use by it.
            var current = holder;
            while (current is not null && kept.Add(current.Uuid))
            {
                current = current.VhdParent is { } parent ? after.GetValueOrDefault(parent) : null;
            }
        }
        return [.. after.Values.Where(v => !before.Contains(v.Uuid) && !kept.Contains(v.Uuid))];
    }
}
