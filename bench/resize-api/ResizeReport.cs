using System.Globalization;
using System.Text.Json;

namespace ControlPlane.Bench.ResizeApi;

/// <summary>The resize benchmark's result: seconds per cycle of resize → VERIFY_RESIZE and confirm → ACTIVE.</summary>
public sealed record ResizeReport(DateTimeOffset StartedAt, int Runs, double[] ResizeSeconds, double[] ConfirmSeconds)
{
    /// <summary>Nova on this machine (issue 9), for the table.</summary>
    public static readonly (double Resize, double Confirm) NovaReference = (1.4, 0.63);

    /// <summary>Median resize → VERIFY_RESIZE.</summary>
    public double ResizeMedian => Percentile(ResizeSeconds, 0.5);

    /// <summary>Median confirm → ACTIVE.</summary>
    public double ConfirmMedian => Percentile(ConfirmSeconds, 0.5);

    /// <summary>Prints the table.</summary>
    public void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"resize benchmark, {Runs} runs, fake computes ({StartedAt:u})");
        output.WriteLine("| step | median s | p90 s | max s | Nova s |");
        output.WriteLine("|---|---|---|---|---|");
        Row(output, "resize -> VERIFY_RESIZE", ResizeSeconds, NovaReference.Resize);
        Row(output, "confirm -> ACTIVE", ConfirmSeconds, NovaReference.Confirm);
    }

    /// <summary>Writes the JSON next to the other benches' results; returns its path.</summary>
    public string WriteJson(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"resize-api-{StartedAt:yyyyMMdd-HHmmss}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            StartedAt, Runs, ResizeSeconds, ConfirmSeconds, ResizeMedian, ConfirmMedian,
            NovaResizeSeconds = NovaReference.Resize, NovaConfirmSeconds = NovaReference.Confirm,
        }, new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    private static void Row(TextWriter output, string name, double[] values, double nova) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Percentile(values, 0.5):F3} | {Percentile(values, 0.9):F3} | {values.DefaultIfEmpty().Max():F3} | {nova:F2} |"));

    private static double Percentile(double[] values, double p)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];
    }
}
