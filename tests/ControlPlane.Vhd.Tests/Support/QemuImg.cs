using System.Diagnostics;

namespace ControlPlane.Vhd.Tests.Support;

/// <summary>Runs qemu-img. Tests that need it fail with a clear message when it is absent (deploy/setup installs qemu-utils).</summary>
public static class QemuImg
{
    public static string Path
    {
        get
        {
            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':'))
            {
                string candidate = System.IO.Path.Combine(dir, "qemu-img");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            Assert.Fail("qemu-img not found on PATH: install qemu-utils (deploy/setup does) to run the interop tests");
            return string.Empty;
        }
    }

    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var info = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)), "qemu-img did not finish within 120 s");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public static void MustRun(params string[] args)
    {
        (int code, string output) = Run(args);
        Assert.True(code == 0, $"qemu-img {string.Join(' ', args)} exited {code}: {output}");
    }
}
