namespace XapiSim.Faults;

/// <summary>The active fault rules (admin endpoint <c>/_sim/faults</c>). Rules for the same call apply in the order added.</summary>
public sealed class FaultRegistry
{
    private readonly Lock gate = new();
    private readonly List<FaultRule> rules = [];

    public void Add(FaultRule rule)
    {
        lock (gate)
        {
            rules.Add(rule);
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }
    }

    public IReadOnlyList<FaultRule> Snapshot()
    {
        lock (gate)
        {
            return [.. rules];
        }
    }

    /// <summary>Consumes one hit of the first rule matching <paramref name="call"/>, if any.</summary>
    public FaultRule? Take(string call)
    {
        lock (gate)
        {
            var index = rules.FindIndex(r => string.Equals(r.Call, call, StringComparison.Ordinal));
            if (index < 0)
            {
                return null;
            }

            var rule = rules[index];
            if (rule.Remaining is { } left)
            {
                if (left <= 1)
                {
                    rules.RemoveAt(index);
                }
                else
                {
                    rules[index] = rule with { Remaining = left - 1 };
                }
            }

            return rule;
        }
    }
}
