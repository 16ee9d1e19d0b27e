using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ControlPlane.Compute.Virt.XenApi.Resize;

/// <summary>
/// e2fsprogs on a local image file (never a device, never a mount): <c>e2fsck -f -y</c> and <c>resize2fs</c>, run
/// without a shell with a fixed argument list, <c>LC_ALL=C</c>, a deadline, and at most
/// <see cref="MaxOutputChars"/> of their output kept (the file holds hostile data; the tools only read and write it).
/// </summary>
public static class E2fsTools
{
    /// <summary>Output kept per run (for the error message).</summary>
    public const int MaxOutputChars = 2000;

    /// <summary>Deadline of one tool run.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    /// <summary><c>e2fsck -f -y</c>: exit 0, 1 (errors fixed) and 2 count as clean (Nova's rule). Returns the exit code.</summary>
    public static Task<(int ExitCode, string Output)> CheckAndRepairAsync(string image, CancellationToken ct) =>
        RunAsync("e2fsck", ["-f", "-y", image], ct);

    /// <summary><c>resize2fs &lt;image&gt; &lt;N&gt;s</c> (N in 512-byte sectors).</summary>
    public static Task<(int ExitCode, string Output)> ResizeAsync(string image, long bytes, CancellationToken ct) =>
        RunAsync("resize2fs", [image, (bytes / 512).ToString(CultureInfo.InvariantCulture) + "s"], ct);

    private static async Task<(int, string)> RunAsync(string tool, string[] args, CancellationToken ct)
    {
        var info = new ProcessStartInfo(Locate(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["LC_ALL"] = "C";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start");
        process.StandardInput.Close();
        var output = new StringBuilder();
        var readOut = CollectAsync(process.StandardOutput, output);
        var readErr = CollectAsync(process.StandardError, output);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await Task.WhenAll(readOut, readErr).ConfigureAwait(false);
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static async Task CollectAsync(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[1024];
        int n;
        while ((n = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            lock (into)
            {
                into.Append(buffer, 0, Math.Min(n, Math.Max(0, MaxOutputChars - into.Length)));
            }
        }
    }

    /// <summary>The tool under /usr/sbin or /sbin (e2fsprogs' place on Debian), else the bare name (PATH).</summary>
    private static string Locate(string tool) =>
        new[] { "/usr/sbin/", "/sbin/" }.Select(d => d + tool).FirstOrDefault(File.Exists) ?? tool;
}
