using System.Formats.Tar;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Format;

namespace ControlPlane.Compute.DriverConformance;

/// <summary>The post-conditions of <see cref="ISnapshotDriver"/> (see its documentation), for drivers that offer it.</summary>
public abstract partial class DriverConformanceTests
{
    /// <summary>Whether the driver under test implements <see cref="ISnapshotDriver"/> (default true).</summary>
    protected virtual bool SupportsSnapshots => true;

    [Fact]
    public async Task A_running_instance_snapshots_into_a_leaf_first_vhd_chain_tar_and_keeps_running()
    {
        var snapshots = RequireSnapshots();
        if (snapshots is null)
        {
            return;
        }

        var instance = await SpawnNewAsync();
        var upload = new MemorySnapshotUpload();
        var phases = new List<SnapshotPhase>();

        await snapshots.SnapshotAsync(instance, upload, Record(phases), CancellationToken.None);

        Assert.Equal([SnapshotPhase.PendingUpload, SnapshotPhase.Uploading], phases);
        Assert.Equal((1, true), (upload.Calls, upload.Completed));
        AssertChainArchive(upload.Bytes);
        Assert.Equal(DriverPowerState.Running, await Driver.GetPowerStateAsync(instance, CancellationToken.None));
    }

    [Fact]
    public async Task A_stopped_instance_snapshots_and_stays_stopped()
    {
        var snapshots = RequireSnapshots();
        if (snapshots is null)
        {
            return;
        }

        var instance = await SpawnNewAsync();
        await Driver.PowerOffAsync(instance, TimeSpan.FromSeconds(10), CancellationToken.None);
        var upload = new MemorySnapshotUpload();

        await snapshots.SnapshotAsync(instance, upload, Record([]), CancellationToken.None);

        AssertChainArchive(upload.Bytes);
        Assert.Equal(DriverPowerState.Shutdown, await Driver.GetPowerStateAsync(instance, CancellationToken.None));
    }

    [Fact]
    public async Task Snapshot_of_an_unknown_instance_is_InstanceNotFound_and_uploads_nothing()
    {
        var snapshots = RequireSnapshots();
        if (snapshots is null)
        {
            return;
        }

        var upload = new MemorySnapshotUpload();

        await Assert.ThrowsAsync<InstanceNotFoundException>(() => snapshots.SnapshotAsync(NewInstance(), upload, Record([]), CancellationToken.None));

        Assert.Equal(0, upload.Calls);
    }

    [Fact]
    public async Task An_upload_failing_mid_stream_propagates_and_a_later_snapshot_still_works()
    {
        var snapshots = RequireSnapshots();
        if (snapshots is null)
        {
            return;
        }

        var instance = await SpawnNewAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => snapshots.SnapshotAsync(instance, new MemorySnapshotUpload { FailAfter = 1024 }, Record([]), CancellationToken.None));

        // The contract lets the upload's own exception through, or a driver exception wrapping it.
        Assert.True(error is IOException || (error is VirtDriverException && error.InnerException is IOException), $"unexpected {error}");

        Assert.Equal(DriverPowerState.Running, await Driver.GetPowerStateAsync(instance, CancellationToken.None));
        var retry = new MemorySnapshotUpload();
        await snapshots.SnapshotAsync(instance, retry, Record([]), CancellationToken.None);
        AssertChainArchive(retry.Bytes);
    }

    /// <summary>The driver as <see cref="ISnapshotDriver"/>, or null (after asserting it really is not one) when the test class says it has none.</summary>
    private ISnapshotDriver? RequireSnapshots()
    {
        if (!SupportsSnapshots)
        {
            Assert.False(Driver is ISnapshotDriver, "the driver implements ISnapshotDriver: let SupportsSnapshots say so");
            return null;
        }

        return Assert.IsAssignableFrom<ISnapshotDriver>(Driver);
    }

    private static Func<SnapshotPhase, CancellationToken, Task> Record(List<SnapshotPhase> phases) => (phase, _) =>
    {
        phases.Add(phase);
        return Task.CompletedTask;
    };

    /// <summary>An uncompressed tar of 0.vhd .. (n-1).vhd in order, each a valid VHD whose parent id is the next one's id, the last not differencing.</summary>
    private static void AssertChainArchive(byte[] archive)
    {
        var directory = Directory.CreateTempSubdirectory("conformance-snapshot-");
        try
        {
            var count = 0;
            using (var reader = new TarReader(new MemoryStream(archive)))
            {
                while (reader.GetNextEntry() is { } entry)
                {
                    Assert.Equal(TarEntryType.RegularFile, entry.EntryType);
                    Assert.Equal($"{count}.vhd", entry.Name.TrimStart('.', '/'));
                    entry.ExtractToFile(Path.Combine(directory.FullName, $"{count}.vhd"), overwrite: false);
                    count++;
                }
            }

            Assert.True(count > 0, "the archive holds no VHD");
            for (var i = 0; i < count; i++)
            {
                using var file = VhdFile.Open(Path.Combine(directory.FullName, $"{i}.vhd"));
                if (i == count - 1)
                {
                    Assert.NotEqual(VhdDiskType.Differencing, file.DiskType);
                    continue;
                }

                using var parent = VhdFile.Open(Path.Combine(directory.FullName, $"{i + 1}.vhd"));
                Assert.Equal(VhdDiskType.Differencing, file.DiskType);
                Assert.Equal(parent.UniqueId, file.Header!.ParentUniqueId);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
