using ControlPlane.ImageStore.Logging;
using ControlPlane.ImageStore.Options;
using Microsoft.Extensions.Options;

namespace ControlPlane.ImageStore.Storage;

/// <summary>
/// Image bits as files: <c>&lt;DataDirectory&gt;/&lt;id&gt;</c>. A write goes to
/// <c>&lt;DataDirectory&gt;/.partial/&lt;id&gt;.&lt;random&gt;</c> (direct I/O where possible, see
/// <see cref="UploadFile"/>), is fsynced, and renamed into place only when complete; any failure deletes the partial file.
/// </summary>
public sealed class FileSystemImageStore : IImageStore
{
    private const string PartialFolder = ".partial";

    /// <summary>Upload buffers kept for reuse: two per upload, so four concurrent uploads reuse theirs.</summary>
    private const int PooledBuffers = 8;

    private readonly string root;
    private readonly string partialRoot;
    private readonly bool directIo;

    // NOTE: a pool of its own rather than ArrayPool.Shared: the shared pool keeps buffers per core
    // and per thread, and an upload's buffers are returned from whichever pool thread finishes it,
    // so large upload buffers piled up there (about 8 MiB of LOH after a few uploads). Its buffers
    // are also aligned for direct I/O.
    private readonly AlignedBufferPool buffers;
    private readonly ILogger<FileSystemImageStore> logger;

    /// <summary>Creates the store, resolving a relative data directory against the content root.</summary>
    public FileSystemImageStore(IOptions<ImageStoreOptions> options, IHostEnvironment environment, ILogger<FileSystemImageStore> logger)
    {
        root = Path.GetFullPath(options.Value.DataDirectory, environment.ContentRootPath);
        partialRoot = Path.Combine(root, PartialFolder);
        directIo = options.Value.DirectIo;
        buffers = new AlignedBufferPool(options.Value.StreamBufferBytes, PooledBuffers);
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
            var first = buffers.Rent();
            var second = buffers.Rent();
            try
            {
                using var file = UploadFile.Create(partial, directIo);
                using var hasher = new ImageHasher();
                data = await HashingCopier.CopyAsync(source, first, second, file.WriteAsync, hasher, maxBytes, cancellationToken);
                file.Flush();
            }
            finally
            {
                buffers.Return(first);
                buffers.Return(second);
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
