namespace ControlPlane.Architecture.Tests.Logging;

/// <summary>Log EventIds are unique across the whole product and stay in their component's range (docs/logging.md).</summary>
public sealed class EventIdTests
{
    private static readonly IReadOnlyList<LoggerMessageScan.Entry> Messages = LoggerMessageScan.All();

    [Fact]
    public void The_scan_sees_the_log_messages_of_every_service()
    {
        var assemblies = Messages.Select(m => m.Assembly).Distinct().ToHashSet(StringComparer.Ordinal);

        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "ControlPlane.Hosting", "ControlPlane.Messaging", "ControlPlane.Data", "ControlPlane.Api", "ControlPlane.Scheduler",
                "ControlPlane.Scheduler.Grains", "ControlPlane.Compute", "ControlPlane.Compute.Virt.XenApi", "ControlPlane.ImageStore", "XapiSim",
            },
            assemblies);
    }

    [Fact]
    public void No_two_log_messages_share_an_EventId()
    {
        var duplicates = Messages.GroupBy(m => m.EventId).Where(g => g.Count() > 1)
            .Select(g => $"EventId {g.Key}: {string.Join(" and ", g.Select(m => m.Method))}")
            .ToList();

        Assert.True(duplicates.Count == 0,
            "Duplicate log EventIds (pick a free id in the component's range, docs/logging.md):\n" + string.Join("\n", duplicates));
    }

    [Fact]
    public void Every_log_message_has_an_EventId_in_its_components_range()
    {
        var misplaced = Messages
            .Where(m => !EventIdRanges.ByAssembly.TryGetValue(m.Assembly, out var range) || m.EventId < range.First || m.EventId > range.Last)
            .Select(m => EventIdRanges.ByAssembly.TryGetValue(m.Assembly, out var range)
                ? $"{m.Method}: EventId {m.EventId} is outside {m.Assembly}'s range {range.First}-{range.Last}"
                : $"{m.Method}: {m.Assembly} has no EventId range (add one to docs/logging.md and EventIdRanges)")
            .ToList();

        Assert.True(misplaced.Count == 0, string.Join("\n", misplaced));
    }
}
