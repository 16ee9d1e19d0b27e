using System.Diagnostics;
using System.Globalization;

namespace ControlPlane.Bench.Snapshot;

/// <summary>One <c>curl -T FILE URL</c> (PUT), sized or chunked, or one GET into /dev/null; seconds and rate are curl's own (<c>time_total</c>).</summary>
public sealed record CurlUpload(string Target, bool Chunked, int HttpStatus, long Bytes, double Seconds)
{
    public double MBps => Bytes / 1e6 / Seconds;

    /// <summary><c>curl -o /dev/null URL</c>: bytes downloaded and seconds.</summary>
    public static async Task<CurlUpload> DownloadAsync(string target, string url, TimeSpan timeout)
    {
        var (status, bytes, seconds) = await CurlAsync(target, ["-w", "%{http_code} %{size_download} %{time_total}", url], timeout);
        return new CurlUpload(target, false, status, bytes, seconds);
    }

    public static async Task<CurlUpload> RunAsync(string target, string file, string url, bool chunked, string? token, TimeSpan timeout)
    {
        List<string> args = ["-w", "%{http_code} %{size_upload} %{time_total}", "-H", "Content-Type: application/octet-stream", "-T", file];
        if (chunked)
        {
            args.AddRange(["-H", "Transfer-Encoding: chunked"]);
        }
        if (token is not null)
        {
            args.AddRange(["-H", "X-Auth-Token: " + token]);
        }
        args.Add(url);
        var (status, bytes, seconds) = await CurlAsync(target, args, timeout);
        return new CurlUpload(target, chunked, status, bytes, seconds);
    }

    private static async Task<(int Status, long Bytes, double Seconds)> CurlAsync(string target, IEnumerable<string> extra, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["-sS", "-o", "/dev/null", "--max-time", ((int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture), .. extra])
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start curl");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var fields = (await stdout).Trim().Split(' ');
        if (process.ExitCode != 0 || fields.Length != 3)
        {
            throw new InvalidOperationException($"curl ({target}) exited {process.ExitCode}: {await stderr}");
        }
        var status = int.Parse(fields[0], CultureInfo.InvariantCulture);
        if (status is < 200 or > 299)
        {
            throw new InvalidOperationException($"curl ({target}) got HTTP {status}");
        }
        return (status, long.Parse(fields[1], CultureInfo.InvariantCulture), double.Parse(fields[2], CultureInfo.InvariantCulture));
    }
}
