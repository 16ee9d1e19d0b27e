namespace ControlPlane.Bench.Api;

/// <summary>Resident memory of one service process, read from /proc.</summary>
public sealed record ProcessMemory(string Service, int Pid, long RssKiB, long PeakRssKiB)
{
    /// <summary>Reads every <c>.run/pids/*.pid</c> whose process is a dotnet service.</summary>
    public static IReadOnlyList<ProcessMemory> ReadAll(string runDirectory)
    {
        var pidDir = Path.Combine(runDirectory, "pids");
        if (!Directory.Exists(pidDir))
        {
            return [];
        }
        var result = new List<ProcessMemory>();
        foreach (var file in Directory.GetFiles(pidDir, "*.pid").Order(StringComparer.Ordinal))
        {
            if (!int.TryParse(File.ReadAllText(file).Trim(), out var pid) || !File.Exists($"/proc/{pid}/status"))
            {
                continue;
            }
            long rss = 0, hwm = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = ParseKiB(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = ParseKiB(line);
                }
            }
            result.Add(new ProcessMemory(Path.GetFileNameWithoutExtension(file), pid, rss, hwm));
        }
        return result;
    }

    private static long ParseKiB(string line) =>
        long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0]);
}
