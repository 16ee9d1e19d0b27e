using ControlPlane.Compute.Snapshots;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;

namespace ControlPlane.Snapshot.UnitTests.Infrastructure;

/// <summary>
/// An in-memory image service: an upload keeps the bytes written (the image "becomes active" only when
/// the writer finished), and can be made to fail after some bytes, as a broken connection would.
/// Deletes are recorded.
/// </summary>
public sealed class RecordingSnapshotImages : ISnapshotImages
{
    public Dictionary<Guid, byte[]> Active { get; } = [];

    public List<Guid> Deleted { get; } = [];

    /// <summary>When set, the upload stream throws an IOException once this many bytes were written.</summary>
    public long? FailAfterBytes { get; set; }

    /// <summary>Called with the phase log at the moment the upload starts (to check ordering).</summary>
    public Action? OnUploadStart { get; set; }

    public ISnapshotUpload CreateUpload(Guid imageId) => new Upload(this, imageId);

    public Task<bool> IsActiveAsync(Guid imageId, CancellationToken cancellationToken)
    {
        lock (Deleted)
        {
            return Task.FromResult(Active.ContainsKey(imageId));
        }
    }

    public Task DeleteAsync(Guid imageId, CancellationToken cancellationToken)
    {
        lock (Deleted)
        {
            Deleted.Add(imageId);
            Active.Remove(imageId);
        }
        return Task.CompletedTask;
    }

    private sealed class Upload(RecordingSnapshotImages owner, Guid imageId) : ISnapshotUpload
    {
        public Guid ImageId => imageId;

        public async Task UploadAsync(Func<Stream, CancellationToken, Task> writeImage, CancellationToken cancellationToken)
        {
            owner.OnUploadStart?.Invoke();
            using var sink = new LimitedStream(owner.FailAfterBytes);
            try
            {
                await writeImage(sink, cancellationToken);
            }
            catch (IOException e)
            {
                throw new DriverOperationException("Upload interrupted (test): " + e.Message, e);
            }
            lock (owner.Deleted)
            {
                owner.Active[imageId] = sink.ToArray();
            }
        }
    }

    private sealed class LimitedStream(long? limit) : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Check(buffer.Length);
            base.Write(buffer);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Check(count);
            base.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Check(buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Check(count);
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        private void Check(int count)
        {
            if (limit is { } l && Length + count > l)
            {
                throw new IOException($"connection reset after {Length} bytes (test)");
            }
        }
    }
}
