using System.Collections.Concurrent;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Infrastructure;

/// <summary>Serves image archives from memory as forward-only streams (like the HTTP body), counting opens.</summary>
internal sealed class MemoryImageSource : IImageSource
{
    private readonly ConcurrentDictionary<Guid, byte[]> images = new();
    private int opened;

    public int Opened => opened;

    public MemoryImageSource Add(Guid id, byte[] archive)
    {
        images[id] = archive;
        return this;
    }

    public Task<Stream> OpenReadAsync(Guid imageId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!images.TryGetValue(imageId, out var data))
        {
            throw new ImageUnavailableException(imageId, "the image does not exist.", retryable: false);
        }

        Interlocked.Increment(ref opened);
        return Task.FromResult<Stream>(new ForwardOnlyStream(new MemoryStream(data, writable: false)));
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
