using System.Diagnostics;
using System.Globalization;

namespace ControlPlane.Bench.Snapshot;

/// <summary>One <c>curl -T FILE URL</c> (PUT), sized or chunked; seconds and rate are curl's own (<c>time_total</c>).</summary>
public sealed record CurlUpload(string Target, bool Chunked, int HttpStatus, long Bytes, double Seconds)
{
    public double MBps => Bytes / 1e6 / Seconds;

    public static async Task<CurlUpload> RunAsync(string target, string file, string url, bool chunked, string? token, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] args =
        [
            "-sS", "-o", "/dev/null", "-w", "%{http_code} %{size_upload} %{time_total}",
            "--max-time", ((int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            "-H", "Content-Type: application/octet-stream", "-T", file,
        ];
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        if (chunked)
        {
            info.ArgumentList.Add("-H");
            info.ArgumentList.Add("Transfer-Encoding: chunked");
        }
        if (token is not null)
        {
            info.ArgumentList.Add("-H");
            info.ArgumentList.Add("X-Auth-Token: " + token);
        }
        info.ArgumentList.Add(url);

        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start curl");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var fields = (await stdout).Trim().Split(' ');
        if (process.ExitCode != 0 || fields.Length != 3)
        {
            throw new InvalidOperationException($"curl -T to {target} exited {process.ExitCode}: {await stderr}");
        }
        var status = int.Parse(fields[0], CultureInfo.InvariantCulture);
        if (status is < 200 or > 299)
        {
            throw new InvalidOperationException($"curl -T to {target} got HTTP {status}");
        }
        return new CurlUpload(target, chunked, status,
            long.Parse(fields[1], CultureInfo.InvariantCulture), double.Parse(fields[2], CultureInfo.InvariantCulture));
    }
}
