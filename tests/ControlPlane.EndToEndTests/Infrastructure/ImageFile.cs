using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;

namespace ControlPlane.EndToEndTests.Infrastructure;

/// <summary>What a downloaded image file holds: its size and digests (one pass), and its tar members with a VHD footer check.</summary>
public sealed record ImageFile(long Size, string Md5, string Sha512, IReadOnlyList<string> Members)
{
    /// <summary>Reads <paramref name="path"/> once for size, MD5 and SHA-512, then lists its tar members; each member
    /// must end with a VHD footer (cookie <c>conectix</c>).</summary>
    public static async Task<ImageFile> ReadAsync(string path)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha512 = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        long size = 0;
        var buffer = new byte[1 << 20];
        await using (var file = File.OpenRead(path))
        {
            int n;
            while ((n = await file.ReadAsync(buffer)) > 0)
            {
                md5.AppendData(buffer, 0, n);
                sha512.AppendData(buffer, 0, n);
                size += n;
            }
        }

        var members = new List<string>();
        await using (var file = File.OpenRead(path))
        {
            using var tar = new TarReader(file);
            while (await tar.GetNextEntryAsync() is { } entry)
            {
                members.Add(entry.Name);
                var data = entry.DataStream ?? throw new InvalidDataException($"tar member {entry.Name} has no data");
                if (data.Length < 512)
                {
                    throw new InvalidDataException($"tar member {entry.Name} ({data.Length} bytes) is too short for a VHD");
                }
                data.Seek(-512, SeekOrigin.End);
                var footer = new byte[8];
                await data.ReadExactlyAsync(footer);
                if (Encoding.ASCII.GetString(footer) != "conectix")
                {
                    throw new InvalidDataException($"tar member {entry.Name} does not end with a VHD footer");
                }
            }
        }
        return new ImageFile(size, Convert.ToHexStringLower(md5.GetHashAndReset()), Convert.ToHexStringLower(sha512.GetHashAndReset()), members);
    }
}
