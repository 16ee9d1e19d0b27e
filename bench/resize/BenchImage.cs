using System.Formats.Tar;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Files;

namespace ControlPlane.Bench.Resize;

/// <summary>
/// The instance's image: one dynamic VHD of <c>DiskGiB</c> whose first <c>DataMiB</c> are random bytes (every 2 MiB
/// block allocated), packed as Nova's XenAPI image tar on disk and served from the file (a forward-only stream).
/// </summary>
internal sealed class BenchImage(string tarPath, Guid imageId) : IImageSource
{
    /// <summary>The image id spawns use.</summary>
    public Guid ImageId { get; } = imageId;

    /// <summary>Writes the image under <paramref name="workDirectory"/>.</summary>
    public static BenchImage Build(string workDirectory, int dataMiB, int diskGiB)
    {
        Directory.CreateDirectory(workDirectory);
        var vhd = Path.Combine(workDirectory, "0.vhd");
        var tar = Path.Combine(workDirectory, "image.tar");
        VhdFile.CreateDynamic(vhd, (long)diskGiB << 30, new() { Overwrite = true }).Dispose();
        using (var disk = VhdDisk.Open(vhd, writable: true))
        {
            var buffer = new byte[1 << 20];
            for (long offset = 0; offset < (long)dataMiB << 20; offset += buffer.Length)
            {
                Random.Shared.NextBytes(buffer);
                disk.Write(offset, buffer);
            }

            disk.Flush();
        }

        using (var output = File.Create(tar))
        using (var writer = new TarWriter(output, TarEntryFormat.Gnu, leaveOpen: false))
        using (var data = File.OpenRead(vhd))
        {
            writer.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, "0.vhd") { DataStream = data });
        }

        File.Delete(vhd);
        return new BenchImage(tar, Guid.NewGuid());
    }

    /// <inheritdoc />
    public Task<Stream> OpenReadAsync(Guid imageId, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new FileStream(tarPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan));
}
