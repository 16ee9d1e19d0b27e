using System.Globalization;
using System.Text.Json;

namespace ControlPlane.Bench.Console;

/// <summary>The console benchmark's figures.</summary>
/// <param name="UrlMedianMs">Median latency of POST /servers/{id}/remote-consoles (Nova on this machine: 42 ms).</param>
/// <param name="UrlP99Ms">p99 of the same.</param>
/// <param name="ChecksPerSecond">Websocket upgrades (each a consoleauth Check with its compute call, and a CONNECT) per second.</param>
/// <param name="ProxyMiBps">RFB full-frame throughput through the proxy, MiB/s.</param>
/// <param name="DirectMiBps">The same read directly from the console endpoint, MiB/s.</param>
public sealed record ConsoleBenchReport(double UrlMedianMs, double UrlP99Ms, double ChecksPerSecond, double ProxyMiBps, double DirectMiBps)
{
    /// <summary>Proxy throughput as a fraction of the direct read.</summary>
    public double Ratio => DirectMiBps == 0 ? 0 : ProxyMiBps / DirectMiBps;

    /// <summary>A plain-text table.</summary>
    public string Table() => string.Create(CultureInfo.InvariantCulture, $"""
        console URL (POST remote-consoles)   median {UrlMedianMs,8:F1} ms   p99 {UrlP99Ms,8:F1} ms
        token checks through the proxy       {ChecksPerSecond,8:F0} /s
        RFB throughput via proxy / direct    {ProxyMiBps,8:F1} / {DirectMiBps:F1} MiB/s   ratio {Ratio:F2}
        """);

    /// <summary>Writes the figures as JSON under <paramref name="directory"/>; returns the path.</summary>
    public string WriteJson(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"console-{TimeProvider.System.GetUtcNow():yyyyMMdd-HHmmss}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(this with { }, new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
