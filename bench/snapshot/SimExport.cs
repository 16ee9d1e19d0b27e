namespace ControlPlane.Bench.Snapshot;

/// <summary>
/// Diagnostic: how fast the host's XapiSim alone exports the server's root disk (<c>GET /export_raw_vdi?format=vhd</c>, the
/// chain flattened into one dynamic VHD: the same allocated data as the snapshot) into <c>curl -o /dev/null</c>, with XapiSim's
/// CPU seconds. Also removes the image cache VDIs the benchmark's source image left on the hosts (the driver keeps a
/// cached image VDI after its image is deleted: 1 GiB per run otherwise).
/// </summary>
public sealed class SimExport(SnapshotBenchOptions options, TimeProvider time)
{
    public async Task<(CurlUpload Export, double SimCpuSeconds)> RunAsync(StackHost host, string serverId)
    {
        await using var session = await SimSession.OpenAsync(options.RunDirectory, host.SimUrl);
        var vdis = (await session.CallAsync("VDI.get_all_records")).AsObject();
        var root = vdis.FirstOrDefault(v =>
            v.Value!["other_config"]?["nova_instance_uuid"]?.GetValue<string>() == serverId &&
            v.Value["other_config"]?["nova_disk_type"]?.GetValue<string>() == "root").Key
            ?? throw new InvalidOperationException($"no root VDI of server {serverId} on {host.SimService}");
        await using var sampler = new ProcessSampler(options.RunDirectory, [host.SimService], time);
        var export = await CurlUpload.DownloadAsync(host.SimService + " export",
            $"{host.SimUrl}/export_raw_vdi?session_id={Uri.EscapeDataString(session.Id)}&vdi={Uri.EscapeDataString(root)}&format=vhd", options.Timeout);
        await sampler.StopAsync();
        return (export, sampler.CpuSeconds[host.SimService]);
    }

    /// <summary>Destroys, on every simulated host, the cached VDIs of <paramref name="imageId"/> (other_config image-id);
    /// returns how many. Call once no server uses the image any more.</summary>
    public async Task<int> RemoveImageCacheAsync(string imageId)
    {
        var removed = 0;
        foreach (var url in SimSession.HostUrls(options.RunDirectory))
        {
            await using var session = await SimSession.OpenAsync(options.RunDirectory, url);
            var vdis = (await session.CallAsync("VDI.get_all_records")).AsObject();
            foreach (var (vdiRef, record) in vdis)
            {
                if (record!["other_config"]?["image-id"]?.GetValue<string>() == imageId)
                {
                    await session.CallAsync("VDI.destroy", vdiRef);
                    removed++;
                }
            }
        }
        return removed;
    }
}
