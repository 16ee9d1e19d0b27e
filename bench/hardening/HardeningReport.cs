using System.Text.Json;

namespace ControlPlane.Bench.Hardening;

/// <summary>What one run measured; the targets come from issue 14.</summary>
/// <param name="StartedAt">Start of the run.</param>
/// <param name="UnknownUser">Login with a user name that does not exist.</param>
/// <param name="WrongPassword">Login of a real user with a wrong password.</param>
/// <param name="QuietList">Ordinary <c>GET /v2/images</c>, nothing else running (the baseline).</param>
/// <param name="LoadedList">The same while the hostile clients run.</param>
/// <param name="HostileRequests">Hostile sort requests answered during the loaded phase.</param>
/// <param name="HostileStatuses">Their status codes and counts.</param>
/// <param name="ReadyAfter">Whether the imagestore's /readyz answered 200 after the load.</param>
public sealed record HardeningReport(
    DateTimeOffset StartedAt, Samples UnknownUser, Samples WrongPassword, Samples QuietList, Samples LoadedList,
    int HostileRequests, IReadOnlyDictionary<int, int> HostileStatuses, bool ReadyAfter)
{
    /// <summary>Unknown-user median over wrong-password median (target within 0.9-1.1).</summary>
    public double LoginRatio => WrongPassword.MedianMs == 0 ? 0 : UnknownUser.MedianMs / WrongPassword.MedianMs;

    /// <summary>Loaded list p99 over quiet list p99 (target at most 2).</summary>
    public double ListP99Ratio => QuietList.P99Ms == 0 ? 0 : LoadedList.P99Ms / QuietList.P99Ms;

    /// <summary>All targets met: logins within 10%, list p99 within 2x, every hostile request a 400, imagestore ready.</summary>
    public bool Passed => Math.Abs(LoginRatio - 1) <= 0.10 && ListP99Ratio <= 2 && ReadyAfter
        && HostileStatuses.Keys.All(s => s == 400) && HostileRequests > 0;

    /// <summary>Prints the table.</summary>
    public void Print(TextWriter output)
    {
        output.WriteLine($"{"series",-44} {"n",5} {"median ms",10} {"p99 ms",9}");
        foreach (var s in new[] { UnknownUser, WrongPassword, QuietList, LoadedList })
        {
            output.WriteLine($"{s.Name,-44} {s.Count,5} {s.MedianMs,10:F2} {s.P99Ms,9:F2}");
        }
        output.WriteLine();
        output.WriteLine($"login median unknown/wrong-password: {LoginRatio:F3} (target 0.90-1.10)");
        output.WriteLine($"list p99 loaded/quiet:                {ListP99Ratio:F2} (target <= 2)");
        output.WriteLine($"hostile requests answered: {HostileRequests} ({string.Join(", ", HostileStatuses.Select(kv => $"{kv.Key}: {kv.Value}"))}); imagestore ready after: {ReadyAfter}");
        output.WriteLine(Passed ? "PASS" : "FAIL");
    }

    /// <summary>Writes the JSON next to the other results; returns its path.</summary>
    public string WriteJson(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"hardening-{StartedAt:yyyyMMdd-HHmmss}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            this.StartedAt, UnknownUser, WrongPassword, QuietList, LoadedList, HostileRequests,
            HostileStatuses = HostileStatuses.ToDictionary(kv => kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), kv => kv.Value),
            ReadyAfter, LoginRatio, ListP99Ratio, Passed,
        }, new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
