namespace ControlPlane.ImageStore.Options;

/// <summary>Options of the image service (configuration section <c>ImageStore</c>).</summary>
public sealed class ImageStoreOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "ImageStore";

    /// <summary>
    /// Directory holding image bits (one file per image, named by id) and in-flight uploads.
    /// Relative paths are resolved against the content root. Default <c>.run/images</c>.
    /// </summary>
    public string DataDirectory { get; set; } = ".run/images";

    /// <summary>
    /// Largest image accepted, in bytes (Glance's <c>image_size_cap</c>). An upload whose
    /// Content-Length exceeds it gets 413 before any byte is read; a chunked upload that grows past
    /// it is aborted and the image is killed. Default 1 TiB.
    /// </summary>
    public long ImageSizeCap { get; set; } = 1L << 40;

    /// <summary>
    /// Bytes of image data one project may store in total (Glance's <c>user_storage_quota</c>);
    /// 0 means unlimited. Default 0.
    /// </summary>
    public long UserStorageQuota { get; set; }

    /// <summary>
    /// Largest JSON request body (create, PATCH, members), in bytes. The image data route is
    /// exempt. Default 1 MiB.
    /// </summary>
    public long MaxJsonBodyBytes { get; set; } = 1L << 20;

    /// <summary>Default page size of <c>GET /v2/images</c> (Glance's <c>limit_param_default</c>). Default 25.</summary>
    public int DefaultPageSize { get; set; } = 25;

    /// <summary>Largest page size a client may ask for (Glance's <c>api_limit_max</c>). Default 1000.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>
    /// Buffer size used to stream image bits in, in bytes (an upload holds two: one filling from the
    /// network while the other is hashed and written). Default 1 MiB: each buffer is one positioned
    /// write and one hand-off of SHA-512 to a pool thread, so per-call overhead stays negligible.
    /// </summary>
    public int StreamBufferBytes { get; set; } = 1 << 20;

    /// <summary>
    /// Write uploads with direct I/O (Linux x64 <c>O_DIRECT</c>, bypassing the page cache) where the
    /// file system supports it; otherwise, or when false, buffered writes with early writeback.
    /// Default true: on the dev VM, copying 1 GiB into the page cache cost 0.4 to 2.9 CPU seconds.
    /// </summary>
    public bool DirectIo { get; set; } = true;

    /// <summary>Apply the embedded SQL migrations of the <c>imagestore</c> database at start. Default true.</summary>
    public bool ApplyMigrations { get; set; } = true;
}
