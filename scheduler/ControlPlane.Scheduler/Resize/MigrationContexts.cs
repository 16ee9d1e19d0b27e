using ControlPlane.Data.Resize;
using ControlPlane.Domain.Flavors;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Scheduler.Resize;

/// <summary>The <see cref="MigrationContext"/> of the resize casts, built from the migration record (the one place).</summary>
public static class MigrationContexts
{
    /// <summary>The context of <paramref name="m"/>; <paramref name="destEndpoint"/> only for the source's resize_instance.</summary>
    public static MigrationContext From(MigrationRecord m, bool autoDiskConfig, string destEndpoint = "")
    {
        ArgumentNullException.ThrowIfNull(m);
        return new MigrationContext
        {
            MigrationId = m.Uuid.ToString("D"),
            SourceHost = m.SourceCompute ?? string.Empty,
            DestHost = m.DestCompute ?? string.Empty,
            OldFlavor = Spec(m.OldFlavorJson),
            NewFlavor = Spec(m.NewFlavorJson),
            TransferToken = m.TransferToken ?? string.Empty,
            DestTransferEndpoint = destEndpoint,
            PowerOn = m.OldVmState != VmState.Stopped,
            AutoDiskConfig = autoDiskConfig,
        };
    }

    /// <summary>The RPC form of a stored flavor copy.</summary>
    public static FlavorSpec Spec(string? flavorJson)
    {
        if (flavorJson is null)
        {
            return new FlavorSpec();
        }
        var f = FlavorCopy.Parse(flavorJson);
        return new FlavorSpec { Id = f.Id, Name = f.Name, MemoryMb = f.MemoryMb, Vcpus = f.Vcpus, RootGb = f.RootGb, EphemeralGb = f.EphemeralGb, SwapMb = f.SwapMb };
    }
}
