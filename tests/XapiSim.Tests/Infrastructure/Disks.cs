using ControlPlane.XenApi.Http;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;

namespace XapiSim.Tests.Infrastructure;

/// <summary>Disk content helpers: deterministic data in, raw bytes out.</summary>
internal static class Disks
{
    /// <summary>Random bytes in a few separate 64 KiB runs (the rest zero), fixed seed.</summary>
    public static byte[] Pattern(long size, int seed)
    {
        var data = new byte[size];
        var random = new Random(seed);
        for (var run = 0; run < 4; run++)
        {
            var offset = random.NextInt64(0, size - 65536) / 512 * 512;
            random.NextBytes(data.AsSpan((int)offset, 65536));
        }

        return data;
    }

    public static async Task WriteRawAsync(XenApiSession session, VdiRef vdi, byte[] data)
    {
        using var content = new MemoryStream(data);
        await session.Transfers.ImportAsync(vdi, content, VdiTransferFormat.Raw);
    }

    public static async Task<byte[]> ReadRawAsync(XenApiSession session, VdiRef vdi)
    {
        await using var stream = await session.Transfers.ExportAsync(vdi, VdiTransferFormat.Raw);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
