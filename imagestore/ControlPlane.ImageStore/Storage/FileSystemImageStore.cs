using System.Buffers;
using ControlPlane.ImageStore.Logging;
using ControlPlane.ImageStore.Options;
using Microsoft.Extensions.Options;

namespace ControlPlane.ImageStore.Storage;

/// <summary>
/// Image bits as files: <c>&lt;DataDirectory&gt;/&lt;id&gt;</c>. A write goes to
/// <c>&lt;DataDirectory&gt;/.partial/&lt;id&gt;.&lt;random&gt;</c> (writeback started every few MiB as it
/// grows), is fsynced, and renamed into place only when complete; any failure deletes the partial file.
/// </summary>
public sealed class FileSystemImageStore : IImageStore
{
    private const string PartialFolder = ".partial";

    /// <summary>Upload buffers kept for reuse: two per upload, so four concurrent uploads reuse theirs.</summary>
    private const int PooledBuffers = 8;

    private readonly string root;
    private readonly string partialRoot;
    private readonly int bufferSize;

    // NOTE: a pool of its own rather than ArrayPool.Shared: the shared pool keeps buffers per core
    // and per thread, and an upload's buffers are returned from whichever pool thread finishes it,
    // so large upload buffers piled up there (about 8 MiB of LOH after a few uploads).
    private readonly ArrayPool<byte> buffers;
    private readonly ILogger<FileSystemImageStore> logger;

    /// <summary>Creates the store, resolving a relative data directory against the content root.</summary>
    public FileSystemImageStore(IOptions<ImageStoreOptions> options, IHostEnvironment environment, ILogger<FileSystemImageStore> logger)
    {
        root = Path.GetFullPath(options.Value.DataDirectory, environment.ContentRootPath);
        partialRoot = Path.Combine(root, PartialFolder);
        bufferSize = options.Value.StreamBufferBytes;
        buffers = ArrayPool<byte>.Create(bufferSize, PooledBuffers);
        this.logger = logger;
        Directory.CreateDirectory(partialRoot);
    }

    /// <summary>Absolute directory holding the image files.</summary>
    public string Root => root;

    /// <inheritdoc />
    public string Identity => "file://" + root;

    /// <inheritdoc />
    public int RemovePartialData()
    {
        var removed = 0;
        foreach (var partial in Directory.EnumerateFiles(partialRoot))
        {
            TryDelete(partial);
            removed++;
        }
        return removed;
    }

    /// <inheritdoc />
    public async Task<StoredImageData> WriteAsync(Guid imageId, Stream source, long maxBytes, CancellationToken cancellationToken)
    {
        var partial = Path.Combine(partialRoot, $"{imageId:D}.{Guid.NewGuid():N}");
        var committed = false;
        try
        {
            StoredImageData data;
            // A bare handle, no FileStream: each buffer goes to the kernel in one positioned write
            // (on a pool thread, while the same buffer is hashed), with no second buffer in between.
            using (var file = File.OpenHandle(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.Asynchronous))
            using (var hasher = new ImageHasher())
            {
                var writeback = new WritebackWindow(file);
                data = await HashingCopier.CopyAsync(source, writeback.WriteAsync, hasher, maxBytes, bufferSize, cancellationToken, buffers);
                RandomAccess.FlushToDisk(file);
            }
            File.Move(partial, PathOf(imageId), overwrite: false);
            committed = true;
            return data;
        }
        finally
        {
            if (!committed)
            {
                TryDelete(partial);
            }
        }
    }

    /// <inheritdoc />
    public Stream? OpenRead(Guid imageId)
    {
        try
        {
            return new FileStream(PathOf(imageId), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete,
                bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Delete(Guid imageId) => TryDelete(PathOf(imageId));

    private string PathOf(Guid imageId) => Path.Combine(root, imageId.ToString("D"));

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            ImageStoreLog.DataDeleteFailed(logger, path, ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            ImageStoreLog.DataDeleteFailed(logger, path, ex);
        }
    }
}
