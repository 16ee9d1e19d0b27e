using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ControlPlane.Bench.Shelve;

/// <summary>The benchmark's result: the source, every run, medians; printed as a table and written as JSON.</summary>
public sealed record ShelveReport(DateTimeOffset StartedAt, long VirtualBytes, long DataBytes, string Flavor, IReadOnlyList<ShelveIteration> Runs, IReadOnlyList<string> Notes)
{
    /// <summary>Median of the values present, or null.</summary>
    public static double? Median(IEnumerable<double?> values)
    {
        var sorted = values.OfType<double>().Order().ToList();
        return sorted.Count == 0 ? null : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Prints the table and the medians.</summary>
    public void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"shelve benchmark: root chain {VirtualBytes >> 20} MiB virtual, {DataBytes >> 20} MiB random data, flavor {Flavor}");
        output.WriteLine(" run  shelve s  unshelve s  error");
        foreach (var run in Runs)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run.Index,4}  {Format(run.ShelveSeconds),8}  {Format(run.UnshelveSeconds),10}  {run.Error}"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median: shelve -> SHELVED_OFFLOADED {Format(Median(Runs.Select(r => r.ShelveSeconds)))} s, unshelve -> ACTIVE {Format(Median(Runs.Select(r => r.UnshelveSeconds)))} s"));
        foreach (var note in Notes)
        {
            output.WriteLine("note: " + note);
        }
    }

    /// <summary>Writes <c>shelve-&lt;timestamp&gt;.json</c> into <paramref name="directory"/>; returns its path.</summary>
    public string WriteJson(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"shelve-{StartedAt:yyyyMMdd-HHmmss}.json");
        static JsonArray Timeline(IReadOnlyList<(double At, string State)> t) =>
            new(t.Select(p => (JsonNode)new JsonObject { ["at_s"] = p.At, ["state"] = p.State }).ToArray());
        var json = new JsonObject
        {
            ["started_at"] = StartedAt.ToString("O", CultureInfo.InvariantCulture),
            ["virtual_bytes"] = VirtualBytes,
            ["data_bytes"] = DataBytes,
            ["flavor"] = Flavor,
            ["median_shelve_s"] = Median(Runs.Select(r => r.ShelveSeconds)),
            ["median_unshelve_s"] = Median(Runs.Select(r => r.UnshelveSeconds)),
            ["runs"] = new JsonArray(Runs.Select(r => (JsonNode)new JsonObject
            {
                ["index"] = r.Index, ["shelve_s"] = r.ShelveSeconds, ["unshelve_s"] = r.UnshelveSeconds,
                ["shelve_timeline"] = Timeline(r.ShelveTimeline), ["unshelve_timeline"] = Timeline(r.UnshelveTimeline), ["error"] = r.Error,
            }).ToArray()),
            ["notes"] = new JsonArray(Notes.Select(n => (JsonNode)JsonValue.Create(n)).ToArray()),
        };
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    private static string Format(double? seconds) => seconds is { } s ? s.ToString("F1", CultureInfo.InvariantCulture) : "-";
}
