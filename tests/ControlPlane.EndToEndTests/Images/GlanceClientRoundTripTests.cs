using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ControlPlane.EndToEndTests.Infrastructure;

namespace ControlPlane.EndToEndTests.Images;

/// <summary>
/// Issue 4: glanceclient <c>image-create --file</c> (which streams the file as a chunked body) and
/// <c>image-download</c> of a 1 GiB file round-trip byte for byte while the stack's imagestore
/// stays under 150 MiB resident.
/// </summary>
[Trait("Category", "E2E")]
public sealed class GlanceClientRoundTripTests
{
    private const long Size = 1L << 30;
    private const int Block = 1 << 20;

    /// <summary>The acceptance bound for the imagestore's resident set.</summary>
    private const long RssLimitBytes = 150L << 20;

    private static readonly TimeSpan SamplePeriod = TimeSpan.FromMilliseconds(100);

    private readonly StackEnvironment stack = StackEnvironment.Load();

    [Fact]
    public async Task One_GiB_chunked_upload_and_download_round_trip_with_imagestore_rss_under_150_MiB()
    {
        // NOTE: CP_IMAGESTORE_PID (with CP_IMAGE_URL) points the test at another imagestore than
        // the stack's, e.g. one started on a spare port to measure a change.
        var otherPid = Environment.GetEnvironmentVariable("CP_IMAGESTORE_PID");
        var glance = new GlanceClientCli(stack, "demo", "demo", otherPid is null ? null : stack.ImageUrl);
        using var api = await ComputeClient.LoginAsync(stack, "demo", "demo");
        using var images = new HttpClient { BaseAddress = new Uri(stack.ImageUrl), Timeout = TimeSpan.FromSeconds(30) };
        images.DefaultRequestHeaders.Add("X-Auth-Token", api.Token);
        var pid = int.Parse(otherPid ?? await File.ReadAllTextAsync(Path.Combine(stack.RunDirectory, "pids", "imagestore.pid")),
            System.Globalization.CultureInfo.InvariantCulture);

        var suffix = Guid.NewGuid().ToString("N")[..8];
        var source = Path.Combine(Path.GetTempPath(), $"glance-1g-{suffix}.img");
        var download = Path.Combine(Path.GetTempPath(), $"glance-1g-{suffix}.out");
        string? imageId = null;
        try
        {
            var expected = await WriteRandomFileAsync(source);

            long peak;
            int samples;
            var sampler = GlanceClientRssSampler.Start(pid, SamplePeriod);
            await using (sampler)
            {
                var created = (await glance.RunAsync("image-create", "--file", source, "--disk-format", "raw",
                    "--container-format", "bare", "--name", "glance-1g-" + suffix)).EnsureSuccess("glance image-create --file");
                imageId = GlanceClientCli.Field(created.StandardOutput, "id");
                Assert.False(string.IsNullOrEmpty(imageId), "no id in:\n" + created.StandardOutput);

                (await glance.RunAsync("image-download", "--file", download, imageId!)).EnsureSuccess("glance image-download");
            }
            (peak, samples) = (sampler.PeakBytes, sampler.Samples);

            using (var response = await images.GetAsync("v2/images/" + imageId))
            {
                Assert.Equal(200, (int)response.StatusCode);
                var image = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Assert.Equal("active", (string?)image["status"]);
                Assert.Equal(Size, (long?)image["size"]);
                Assert.Equal(expected.Md5, (string?)image["checksum"]);
                Assert.Equal("sha512", (string?)image["os_hash_algo"]);
                Assert.Equal(expected.Sha512, (string?)image["os_hash_value"]);
            }

            Assert.Equal(Size, new FileInfo(download).Length);
            Assert.Equal(expected.Sha256, await Sha256OfAsync(download));

            Assert.True(samples >= 10, $"only {samples} RSS samples were taken");
            Assert.True(peak < RssLimitBytes,
                $"imagestore (pid {pid}) peaked at {peak / (1024.0 * 1024):F1} MiB resident during the round trip; the limit is {RssLimitBytes >> 20} MiB.");
        }
        finally
        {
            if (imageId is null)
            {
                // image-create failed after creating the record: find it by its unique name.
                using var listed = await images.GetAsync($"v2/images?name=glance-1g-{suffix}");
                var found = JsonNode.Parse(await listed.Content.ReadAsStringAsync())?["images"]?.AsArray();
                imageId = found?.FirstOrDefault()?["id"]?.GetValue<string>();
            }
            if (imageId is not null)
            {
                using var deleted = await images.DeleteAsync("v2/images/" + imageId);
            }
            File.Delete(source);
            File.Delete(download);
        }
    }

    /// <summary>Writes <see cref="Size"/> random bytes to <paramref name="path"/>, hashing them as they are written.</summary>
    private static async Task<(string Sha256, string Md5, string Sha512)> WriteRandomFileAsync(string path)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha512 = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        var buffer = new byte[Block];
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous))
        {
            for (long written = 0; written < Size; written += Block)
            {
                RandomNumberGenerator.Fill(buffer);
                var write = file.WriteAsync(buffer);
                await Task.WhenAll(
                    Task.Run(() => sha256.AppendData(buffer)),
                    Task.Run(() => md5.AppendData(buffer)),
                    Task.Run(() => sha512.AppendData(buffer)));
                await write;
            }
        }
        return (Convert.ToHexStringLower(sha256.GetHashAndReset()), Convert.ToHexStringLower(md5.GetHashAndReset()),
            Convert.ToHexStringLower(sha512.GetHashAndReset()));
    }

    /// <summary>SHA-256 of a file, streamed.</summary>
    private static async Task<string> Sha256OfAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, Block, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
    }
}
