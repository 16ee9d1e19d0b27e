using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Format;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Http;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;
using XapiSim.Tests.Infrastructure;

namespace XapiSim.Tests;

/// <summary><c>export_raw_vdi?format=vhd&amp;base=</c>: the differencing VHD from an ancestor, and the flat export keeping the VDI's id.</summary>
public sealed class DeltaExportTests
{
    private const long Size = 6L << 20;

    [Fact]
    public async Task Deltas_down_a_chain_plus_the_flat_base_rebuild_the_disk_and_link_by_the_sr_files_unique_ids()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var (disk, expected) = await BuildChainAsync(session);
        var chain = await ChainAsync(session, disk);
        Assert.Equal(3, chain.Count);
        var work = Directory.CreateTempSubdirectory("xapisim-delta-");
        try
        {
            var members = new List<string>();
            for (var i = 0; i < chain.Count; i++)
            {
                var path = Path.Combine(work.FullName, $"{i}.vhd");
                var (body, length) = await session.Transfers.OpenExportAsync(chain[i].Ref, VdiTransferFormat.Vhd, i + 1 < chain.Count ? chain[i + 1].Ref : null);
                await using (body)
                await using (var file = File.Create(path))
                {
                    await body.CopyToAsync(file);
                    Assert.Equal(i + 1 < chain.Count ? file.Length : null, length);
                }

                members.Add(path);
            }

            for (var i = 0; i < members.Count; i++)
            {
                using var member = VhdFile.Open(members[i]);
                using var original = VhdFile.Open(Path.Combine(sim.SrDirectory, chain[i].Uuid + ".vhd"));
                Assert.Equal(original.UniqueId, member.UniqueId);
                Assert.Equal(i + 1 < members.Count ? VhdDiskType.Differencing : VhdDiskType.Dynamic, member.DiskType);
                if (i + 1 < members.Count)
                {
                    using var parent = VhdFile.Open(Path.Combine(sim.SrDirectory, chain[i + 1].Uuid + ".vhd"));
                    Assert.Equal(parent.UniqueId, member.Header!.ParentUniqueId);
                    Assert.Equal(parent.Footer.Timestamp, member.Header.ParentTimestamp);
                    Assert.Contains("./" + chain[i + 1].Uuid + ".vhd", member.ParentLocatorPaths);
                }
            }

            // Relinked to each other (as the spawn path does), the members read as the disk.
            for (var i = members.Count - 2; i >= 0; i--)
            {
                using var child = VhdFile.Open(members[i], writable: true);
                child.SetParent(members[i + 1]);
            }

            Assert.Empty(ControlPlane.Vhd.Checking.VhdChecker.Check(members[0]));
            using var rebuilt = VhdDisk.Open(members[0]);
            var content = new byte[Size];
            Assert.Equal((int)Size, rebuilt.Read(0, content));
            Assert.Equal(expected, content);
            Assert.Equal(expected, await Disks.ReadRawAsync(session, disk));

            // Each delta holds only what its layer wrote (one 2 MiB block each here), not the chain's content.
            using var leafDelta = VhdFile.Open(members[0]);
            using var middleDelta = VhdFile.Open(members[1]);
            Assert.Equal((1, 1), (leafDelta.AllocatedBlockCount, middleDelta.AllocatedBlockCount));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_base_that_is_not_an_ancestor_or_a_raw_delta_is_refused()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var (disk, _) = await BuildChainAsync(session);
        var snapshot = (await session.Vdi.GetAllRecordsAsync()).First(p => p.Value.IsASnapshot).Key;
        var parent = (await ChainAsync(session, disk))[1].Ref;

        var notAncestor = await Assert.ThrowsAsync<XenApiProtocolException>(() => session.Transfers.OpenExportAsync(disk, VdiTransferFormat.Vhd, snapshot));
        var raw = await Assert.ThrowsAsync<XenApiProtocolException>(() => session.Transfers.OpenExportAsync(disk, VdiTransferFormat.Raw, parent));
        var self = await Assert.ThrowsAsync<XenApiProtocolException>(() => session.Transfers.OpenExportAsync(disk, VdiTransferFormat.Vhd, disk));

        Assert.Contains("400", notAncestor.Message, StringComparison.Ordinal);
        Assert.Contains("VDI_NOT_IN_CHAIN", notAncestor.Message, StringComparison.Ordinal);
        Assert.Contains("400", raw.Message, StringComparison.Ordinal);
        Assert.Contains("VDI_NOT_IN_CHAIN", self.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delta_imported_into_a_clone_of_its_base_copy_writes_its_sectors_and_rebuilds_the_disk()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var (disk, expected) = await BuildChainAsync(session);
        var chain = await ChainAsync(session, disk);
        var sr = (await session.Pool.GetAllRecordsAsync()).Values.Single().DefaultSr;

        // The destination side of a migration: the base into a new VDI, then each delta into a clone of the copy before.
        var copy = await session.Vdi.CreateAsync(Records.Disk(sr, "copy", Size));
        await session.Transfers.ImportAsync(copy, await ExportAsync(session, chain[^1].Ref, null), VdiTransferFormat.Vhd);
        for (var i = chain.Count - 2; i >= 0; i--)
        {
            var next = await session.Vdi.CloneAsync(copy);
            await session.Transfers.ImportAsync(next, await ExportAsync(session, chain[i].Ref, chain[i + 1].Ref), VdiTransferFormat.Vhd);
            copy = next;
        }

        Assert.Equal(expected, await Disks.ReadRawAsync(session, copy));
        var small = await session.Vdi.CreateAsync(Records.Disk(sr, "small", 2 << 20));
        var tooLarge = await Assert.ThrowsAsync<XenApiProtocolException>(() =>
            ExportAsync(session, chain[0].Ref, chain[1].Ref).ContinueWith(t => session.Transfers.ImportAsync(small, t.Result, VdiTransferFormat.Vhd)).Unwrap());
        Assert.Contains("larger than the VDI", tooLarge.Message, StringComparison.Ordinal);
    }

    private static async Task<MemoryStream> ExportAsync(XenApiSession session, VdiRef vdi, VdiRef? baseVdi)
    {
        var (body, _) = await session.Transfers.OpenExportAsync(vdi, VdiTransferFormat.Vhd, baseVdi);
        var copy = new MemoryStream();
        await using (body)
        {
            await body.CopyToAsync(copy);
        }

        copy.Position = 0;
        return copy;
    }

    /// <summary>A disk written, snapshotted, written, snapshotted, written: chain disk → B2 → B1, each layer holding some of the data.</summary>
    private static async Task<(VdiRef Disk, byte[] Expected)> BuildChainAsync(XenApiSession session)
    {
        var sr = (await session.Pool.GetAllRecordsAsync()).Values.Single().DefaultSr;
        var disk = await session.Vdi.CreateAsync(Records.Disk(sr, "disk", Size));
        var expected = Disks.Pattern(Size, seed: 31);
        await Disks.WriteRawAsync(session, disk, expected);
        await session.Vdi.SnapshotAsync(disk);
        var second = Disks.Pattern(Size, seed: 32);
        Array.Copy(second, 1 << 20, expected, 1 << 20, 1 << 20);
        await Disks.WriteRawAsync(session, disk, expected[..(2 << 20)]);
        await session.Vdi.SnapshotAsync(disk);
        new Random(33).NextBytes(expected.AsSpan((4 << 20) + 512, 1536));
        await Disks.WriteRawAsync(session, disk, expected[..(5 << 20)]);
        return (disk, expected);
    }

    private static async Task<List<(VdiRef Ref, string Uuid)>> ChainAsync(XenApiSession session, VdiRef leaf)
    {
        var chain = new List<(VdiRef, string)> { (leaf, await session.Vdi.GetUuidAsync(leaf)) };
        while ((await session.Vdi.GetSmConfigAsync(chain[^1].Item1)).TryGetValue("vhd-parent", out var parent))
        {
            chain.Add((await session.Vdi.GetByUuidAsync(parent), parent));
        }

        return chain;
    }
}
