namespace ControlPlane.Bench.Resize;

/// <summary>This process's peak resident set over a phase: <c>VmHWM</c> after resetting it (<c>/proc/self/clear_refs</c>
/// with 5), which counts every allocation both simulators and both drivers made in the phase.</summary>
internal static class PeakRss
{
    /// <summary>Resets the high-water mark to the current RSS (no-op where the kernel refuses).</summary>
    public static void Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
            return;
        }
        catch (UnauthorizedAccessException)
        {
            return;
        }
    }

    /// <summary>Peak RSS in MiB since the last <see cref="Reset"/>.</summary>
    public static long MiB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
            }
        }

        return -1;
    }
}
