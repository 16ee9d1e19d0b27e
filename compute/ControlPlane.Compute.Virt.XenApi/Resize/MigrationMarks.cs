using System.Globalization;
using ControlPlane.XenApi.Records;

namespace ControlPlane.Compute.Virt.XenApi.Resize;

/// <summary>
/// <c>other_config</c> keys of the VDIs a migration creates, so a restarted compute can find and remove them: a disk
/// received on the destination carries the migration id, its disk index and (for the last one) the leaf flag; a
/// shrunk root made on the source for a resize down carries the migration id and <see cref="ShrunkRole"/>.
/// </summary>
public static class MigrationMarks
{
    /// <summary>The migration the VDI belongs to.</summary>
    public const string MigrationKey = "controlplane_migration";

    /// <summary>The <see cref="Contract.MigrationDisk.Index"/> of a received disk.</summary>
    public const string DiskIndexKey = "controlplane_migration_disk";

    /// <summary>Present (<c>true</c>) on the received leaf.</summary>
    public const string LeafKey = "controlplane_migration_leaf";

    /// <summary>What the VDI is to the migration: <see cref="ReceivedRole"/> or <see cref="ShrunkRole"/>.</summary>
    public const string RoleKey = "controlplane_migration_role";

    /// <summary>A disk received on the destination.</summary>
    public const string ReceivedRole = "received";

    /// <summary>The shrunk root written on the source for a resize down (sent, then destroyed).</summary>
    public const string ShrunkRole = "shrunk";

    /// <summary>True when <paramref name="record"/> is a disk received for <paramref name="migrationId"/>.</summary>
    public static bool IsReceived(VdiRecord record, Guid migrationId) =>
        record.OtherConfig.GetValueOrDefault(RoleKey) == ReceivedRole
        && record.OtherConfig.GetValueOrDefault(MigrationKey) == migrationId.ToString("D");

    /// <summary>The disk index of a received VDI, or null when the marker is missing or malformed.</summary>
    public static int? IndexOf(VdiRecord record) =>
        int.TryParse(record.OtherConfig.GetValueOrDefault(DiskIndexKey), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;

    /// <summary>The markers of received disk <paramref name="index"/>.</summary>
    public static Dictionary<string, string> Received(Guid migrationId, int index, bool leaf)
    {
        var marks = new Dictionary<string, string>
        {
            [MigrationKey] = migrationId.ToString("D"),
            [RoleKey] = ReceivedRole,
            [DiskIndexKey] = index.ToString(CultureInfo.InvariantCulture),
        };
        if (leaf)
        {
            marks[LeafKey] = "true";
        }

        return marks;
    }
}
