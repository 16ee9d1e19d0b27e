using System.Formats.Tar;
using System.Text;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Vhd;
using ControlPlane.Vhd.Operations;

namespace ControlPlane.Compute.Virt.Fake;

/// <summary>
/// FakeDriver's snapshot: the image is a tar holding one honest dynamic VHD (<c>0.vhd</c>) of the
/// instance's root disk size (1 GiB when the flavor has none), whose only data is the instance id
/// (ASCII) at offset 0. The VHD is written to a temporary file (the fake hypervisor's disk), streamed
/// into the upload and removed whatever happens.
/// </summary>
public sealed partial class FakeDriver : ISnapshotDriver
{
    private const long DefaultRootBytes = 1L << 30;

    /// <inheritdoc />
    public async Task SnapshotAsync(VirtInstance instance, ISnapshotUpload upload, Func<SnapshotPhase, CancellationToken, Task> onPhase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(onPhase);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Find(instance);
        }

        var directory = Directory.CreateTempSubdirectory("cp-fake-snapshot-");
        try
        {
            var vhdPath = Path.Combine(directory.FullName, "0.vhd");
            WriteRootDisk(instance, vhdPath);
            await onPhase(SnapshotPhase.PendingUpload, cancellationToken).ConfigureAwait(false);
            await onPhase(SnapshotPhase.Uploading, cancellationToken).ConfigureAwait(false);
            await upload.UploadAsync((stream, ct) => WriteChainTarAsync(vhdPath, stream, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new DriverOperationException($"Snapshot of {instance.InstanceName} failed: {e.Message}", e, retryable: false);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private void WriteRootDisk(VirtInstance instance, string path)
    {
        var size = instance.RootGb > 0 ? instance.RootGb * (1L << 30) : DefaultRootBytes;
        var content = Encoding.ASCII.GetBytes(instance.InstanceId.ToString("D"));
        using var raw = new MemoryStream(content, writable: false);
        VhdRawConverter.ImportRaw(raw, size, path, new VhdCreateOptions { UniqueId = instance.InstanceId, TimeProvider = timeProvider });
    }

    private async Task WriteChainTarAsync(string vhdPath, Stream output, CancellationToken cancellationToken)
    {
        var tar = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true);
        await using (tar.ConfigureAwait(false))
        {
            var source = new FileStream(vhdPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await using (source.ConfigureAwait(false))
            {
                var entry = new UstarTarEntry(TarEntryType.RegularFile, "0.vhd")
                {
                    DataStream = source,
                    ModificationTime = timeProvider.GetUtcNow(),
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                };
                await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
