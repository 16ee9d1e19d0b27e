using System.Globalization;

namespace ControlPlane.VhdTool.Commands;

/// <summary>Tiny argument helpers: flags, positional arguments and sizes with K/M/G/T suffixes.</summary>
internal static class Arguments
{
    public static (HashSet<string> Flags, Dictionary<string, string> Options, List<string> Positional) Parse(
        string[] args, string[] flags, string[] options)
    {
        var seenFlags = new HashSet<string>(StringComparer.Ordinal);
        var seenOptions = new Dictionary<string, string>(StringComparer.Ordinal);
        var positional = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (flags.Contains(a))
            {
                seenFlags.Add(a);
            }
            else if (options.Contains(a))
            {
                if (i + 1 >= args.Length)
                {
                    throw new UsageException($"{a} needs a value");
                }

                seenOptions[a] = args[++i];
            }
            else if (a.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"unknown option '{a}'");
            }
            else
            {
                positional.Add(a);
            }
        }

        return (seenFlags, seenOptions, positional);
    }

    public static void Expect(List<string> positional, int count, string shape)
    {
        if (positional.Count != count)
        {
            throw new UsageException($"expected {shape}");
        }
    }

    public static long ParseSize(string text)
    {
        long multiplier = 1;
        string digits = text;
        char last = char.ToUpperInvariant(text.Length > 0 ? text[^1] : ' ');
        int shift = last switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => 0 };
        if (shift > 0)
        {
            multiplier = 1L << shift;
            digits = text[..^1];
        }

        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value <= 0 || value > long.MaxValue / multiplier)
        {
            throw new UsageException($"invalid size '{text}'");
        }

        return value * multiplier;
    }
}
