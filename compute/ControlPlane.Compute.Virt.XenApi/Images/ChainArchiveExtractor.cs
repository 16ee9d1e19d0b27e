using System.Formats.Tar;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace ControlPlane.Compute.Virt.XenApi.Images;

/// <summary>
/// Unpacks an image archive (Nova's format: a tar, optionally gzip-compressed, of <c>0.vhd</c> = leaf,
/// <c>1.vhd</c> = its parent, ... <c>(n-1).vhd</c> = base) into an empty staging directory, treating it as
/// hostile: only regular files named <c>N.vhd</c> (optionally prefixed <c>./</c>) and the <c>./</c> directory
/// entry are accepted; absolute paths, <c>..</c>, links, devices, FIFOs, sparse members, duplicates, oversize
/// members and oversize totals are refused before any byte of them is written. Files are created with
/// <see cref="FileMode.CreateNew"/> from the validated name only, so nothing can land outside the directory.
/// </summary>
public static partial class ChainArchiveExtractor
{
    /// <summary>Extracts <paramref name="archive"/> into <paramref name="stagingDirectory"/> (must exist and be empty).
    /// Returns the member paths in chain order (leaf first). Throws <see cref="ImageArchiveException"/>.</summary>
    public static async Task<IReadOnlyList<string>> ExtractAsync(Stream archive, string stagingDirectory, ArchiveLimits limits, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(stagingDirectory);
        var tarStream = await MaybeDecompressAsync(archive, cancellationToken).ConfigureAwait(false);
        var found = new SortedDictionary<int, string>();
        long total = 0;
        try
        {
            await using var reader = new TarReader(tarStream, leaveOpen: true);
            while (await ReadEntryAsync(reader, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                var index = Classify(entry);
                if (index is null)
                {
                    continue;
                }

                if (found.ContainsKey(index.Value))
                {
                    throw new ImageArchiveException($"archive member '{entry.Name}' appears twice");
                }

                if (found.Count >= limits.MaxMembers)
                {
                    throw new ImageArchiveException($"archive has more than {limits.MaxMembers} VHD members");
                }

                if (entry.Length > limits.MaxMemberBytes)
                {
                    throw new ImageArchiveException($"archive member '{entry.Name}' is {entry.Length} bytes, above the limit of {limits.MaxMemberBytes}");
                }

                total += entry.Length;
                if (total > limits.MaxTotalBytes)
                {
                    throw new ImageArchiveException($"archive members total more than the limit of {limits.MaxTotalBytes} bytes");
                }

                var target = Path.Combine(root, index.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".vhd");
                if (!string.Equals(Path.GetDirectoryName(Path.GetFullPath(target)), root, StringComparison.Ordinal))
                {
                    throw new ImageArchiveException($"archive member '{entry.Name}' resolves outside the staging directory");
                }

                await WriteMemberAsync(entry, target, cancellationToken).ConfigureAwait(false);
                found.Add(index.Value, target);
            }
        }
        catch (InvalidDataException e)
        {
            throw new ImageArchiveException($"the image is not a valid tar archive: {e.Message}", e);
        }
        catch (FormatException e)
        {
            throw new ImageArchiveException($"the image is not a valid tar archive: {e.Message}", e);
        }
        catch (EndOfStreamException e)
        {
            throw new ImageArchiveException("the image archive is truncated", e);
        }
        finally
        {
            if (!ReferenceEquals(tarStream, archive))
            {
                await tarStream.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (found.Count == 0)
        {
            throw new ImageArchiveException("archive holds no VHD (expected 0.vhd, 1.vhd, ...)");
        }

        if (found.Keys.Last() != found.Count - 1)
        {
            var missing = Enumerable.Range(0, found.Keys.Last() + 1).First(i => !found.ContainsKey(i));
            throw new ImageArchiveException($"archive chain is not contiguous: {missing}.vhd is missing");
        }

        return [.. found.Values];
    }

    /// <summary>The chain index of an acceptable member, null for the harmless <c>./</c> directory entry; throws for anything else.</summary>
    internal static int? Classify(TarEntry entry)
    {
        var name = entry.Name;
        if (entry.EntryType == TarEntryType.Directory && name is "." or "./")
        {
            return null;
        }

        if (name.StartsWith('/') || name.Contains('\\') || name.Contains(':'))
        {
            throw new ImageArchiveException($"archive member '{name}' has an absolute or non-portable path");
        }

        if (name.Split('/').Contains(".."))
        {
            throw new ImageArchiveException($"archive member '{name}' contains '..'");
        }

        if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
        {
            throw new ImageArchiveException($"archive member '{name}' is a {Describe(entry.EntryType)}, not a regular file");
        }

        var match = MemberName().Match(name);
        if (!match.Success)
        {
            throw new ImageArchiveException($"archive member '{name}' is not named N.vhd (0.vhd = leaf, 1.vhd = its parent, ...)");
        }

        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<TarEntry?> ReadEntryAsync(TarReader reader, CancellationToken cancellationToken)
    {
        // NOTE(xenapi-driver): copyData false: a member's bytes are read from the archive stream exactly once, below.
        return await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteMemberAsync(TarEntry entry, string target, CancellationToken cancellationToken)
    {
        await using var output = new FileStream(target, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
        });
        if (entry.DataStream is null)
        {
            return;
        }

        var buffer = new byte[1 << 20];
        long written = 0;
        int n;
        while ((n = await entry.DataStream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            written += n;
            if (written > entry.Length)
            {
                throw new ImageArchiveException($"archive member '{entry.Name}' holds more data than its header says");
            }

            await output.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
        }

        if (written != entry.Length)
        {
            throw new ImageArchiveException($"archive member '{entry.Name}' is truncated ({written} of {entry.Length} bytes)");
        }
    }

    private static async Task<Stream> MaybeDecompressAsync(Stream archive, CancellationToken cancellationToken)
    {
        var head = new byte[2];
        var read = await archive.ReadAtLeastAsync(head, 2, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var replay = new PrefixedStream(head, read, archive);
        return read == 2 && head[0] == 0x1f && head[1] == 0x8b ? new GZipStream(replay, CompressionMode.Decompress) : replay;
    }

    private static string Describe(TarEntryType type) => type switch
    {
        TarEntryType.SymbolicLink => "symbolic link",
        TarEntryType.HardLink => "hard link",
        TarEntryType.CharacterDevice => "character device",
        TarEntryType.BlockDevice => "block device",
        TarEntryType.Fifo => "FIFO",
        TarEntryType.Directory => "directory",
        TarEntryType.SparseFile => "sparse file",
        _ => type.ToString(),
    };

    [GeneratedRegex(@"^(?:\./)?(0|[1-9][0-9]?)\.vhd$", RegexOptions.CultureInvariant)]
    private static partial Regex MemberName();
}
