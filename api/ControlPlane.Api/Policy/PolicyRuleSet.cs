using System.Text.Json;

namespace ControlPlane.Api.Policy;

/// <summary>
/// A compiled set of named rules: the built-in defaults (<c>compute-policy.json</c>, embedded, Nova's
/// scoped-role defaults) with an operator's overrides on top (a JSON object of rule name to check string,
/// oslo.policy's <c>policy.json</c> form). Every problem is a <see cref="PolicyFileException"/> naming it:
/// bad JSON, a check string that does not parse, an override of a rule the api does not know, a
/// <c>rule:</c> reference to an unknown rule, a cycle.
/// </summary>
public sealed class PolicyRuleSet
{
    private const string DefaultsResource = "ControlPlane.Api.Policy.compute-policy.json";

    private readonly Dictionary<string, PolicyExpression> rules;

    private PolicyRuleSet(Dictionary<string, PolicyExpression> rules) => this.rules = rules;

    /// <summary>Names of every rule in the set.</summary>
    public IReadOnlyCollection<string> Names => rules.Keys;

    /// <summary>The defaults only.</summary>
    public static PolicyRuleSet Defaults() => Load(null);

    /// <summary>The defaults with the overrides of the file at <paramref name="overridePath"/> (null or empty: none).</summary>
    public static PolicyRuleSet Load(string? overridePath)
    {
        string? overrides = null;
        if (!string.IsNullOrEmpty(overridePath))
        {
            try
            {
                overrides = File.ReadAllText(overridePath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new PolicyFileException($"Api:PolicyFile '{overridePath}' cannot be read: {e.Message}", e);
            }
        }
        return FromJson(ReadDefaults(), overrides, overridePath ?? "overrides");
    }

    /// <summary>Compiles <paramref name="defaultsJson"/> then applies <paramref name="overridesJson"/> (rules it does not define are refused).</summary>
    public static PolicyRuleSet FromJson(string defaultsJson, string? overridesJson, string overridesSource)
    {
        var rules = Compile(defaultsJson, "the built-in compute policy", known: null);
        if (overridesJson is not null)
        {
            foreach (var (name, expression) in Compile(overridesJson, overridesSource, known: rules.Keys))
            {
                rules[name] = expression;
            }
        }
        CheckReferences(rules);
        return new PolicyRuleSet(rules);
    }

    /// <summary>True when <paramref name="rule"/> allows <paramref name="request"/>; an unknown rule name is a bug (throws).</summary>
    public bool Allows(string rule, PolicyRequest request) =>
        rules.TryGetValue(rule, out var expression)
            ? expression.Evaluate(request, name => rules[name])
            : throw new InvalidOperationException($"Policy rule {rule} is not defined in the compute policy.");

    /// <summary>True when the set defines <paramref name="rule"/>.</summary>
    public bool Contains(string rule) => rules.ContainsKey(rule);

    private static Dictionary<string, PolicyExpression> Compile(string json, string source, IEnumerable<string>? known)
    {
        Dictionary<string, string>? raw;
        try
        {
            raw = JsonSerializer.Deserialize<Dictionary<string, string>>(json, new JsonSerializerOptions { ReadCommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new PolicyFileException($"{source} is not a JSON object of rule name to check string: {e.Message}", e);
        }
        if (raw is null)
        {
            throw new PolicyFileException($"{source} is not a JSON object of rule name to check string.");
        }
        var knownSet = known?.ToHashSet(StringComparer.Ordinal);
        var unknown = knownSet is null ? [] : raw.Keys.Where(k => !knownSet.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new PolicyFileException($"{source} defines unknown rules (typo?): {string.Join(", ", unknown)}.");
        }
        var compiled = new Dictionary<string, PolicyExpression>(StringComparer.Ordinal);
        foreach (var (name, text) in raw)
        {
            try
            {
                compiled[name] = PolicyParser.Parse(text);
            }
            catch (FormatException e)
            {
                throw new PolicyFileException($"{source}: rule {name} = \"{text}\" does not parse: {e.Message}.", e);
            }
        }
        return compiled;
    }

    private static void CheckReferences(Dictionary<string, PolicyExpression> rules)
    {
        foreach (var (name, expression) in rules)
        {
            var missing = expression.References().Where(r => !rules.ContainsKey(r)).ToList();
            if (missing.Count > 0)
            {
                throw new PolicyFileException($"Policy rule {name} refers to undefined rule(s): {string.Join(", ", missing)}.");
            }
        }
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in rules.Keys)
        {
            Visit(name, rules, done, []);
        }
    }

    private static void Visit(string name, Dictionary<string, PolicyExpression> rules, HashSet<string> done, List<string> path)
    {
        if (path.Contains(name, StringComparer.Ordinal))
        {
            throw new PolicyFileException($"Policy rules refer to each other in a cycle: {string.Join(" -> ", path.Append(name))}.");
        }
        if (!done.Add(name))
        {
            return;
        }
        path.Add(name);
        foreach (var reference in rules[name].References())
        {
            Visit(reference, rules, done, path);
        }
        path.RemoveAt(path.Count - 1);
    }

    private static string ReadDefaults()
    {
        using var stream = typeof(PolicyRuleSet).Assembly.GetManifestResourceStream(DefaultsResource)
            ?? throw new InvalidOperationException($"Embedded resource {DefaultsResource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
