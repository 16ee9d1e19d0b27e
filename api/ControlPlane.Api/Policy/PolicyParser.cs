using System.Text.RegularExpressions;

namespace ControlPlane.Api.Policy;

/// <summary>
/// Parses oslo.policy check strings (<c>"role:admin or (role:member and project_id:%(project_id)s)"</c>).
/// An empty string means "always", as oslo.policy. Errors are <see cref="FormatException"/>s naming the problem.
/// </summary>
internal static partial class PolicyParser
{
    /// <summary>Parses one check string.</summary>
    public static PolicyExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Tokenize(text);
        if (tokens.Count == 0)
        {
            return new PolicyExpression.Always();
        }
        var position = 0;
        var result = ParseOr(tokens, ref position);
        if (position != tokens.Count)
        {
            throw new FormatException($"unexpected '{tokens[position]}' in \"{text}\"");
        }
        return result;
    }

    private static PolicyExpression ParseOr(List<string> tokens, ref int position)
    {
        var items = new List<PolicyExpression> { ParseAnd(tokens, ref position) };
        while (position < tokens.Count && tokens[position] == "or")
        {
            position++;
            items.Add(ParseAnd(tokens, ref position));
        }
        return items.Count == 1 ? items[0] : new PolicyExpression.Or(items);
    }

    private static PolicyExpression ParseAnd(List<string> tokens, ref int position)
    {
        var items = new List<PolicyExpression> { ParseNot(tokens, ref position) };
        while (position < tokens.Count && tokens[position] == "and")
        {
            position++;
            items.Add(ParseNot(tokens, ref position));
        }
        return items.Count == 1 ? items[0] : new PolicyExpression.And(items);
    }

    private static PolicyExpression ParseNot(List<string> tokens, ref int position)
    {
        if (position < tokens.Count && tokens[position] == "not")
        {
            position++;
            return new PolicyExpression.Not(ParseNot(tokens, ref position));
        }
        return ParseAtom(tokens, ref position);
    }

    private static PolicyExpression ParseAtom(List<string> tokens, ref int position)
    {
        if (position >= tokens.Count)
        {
            throw new FormatException("the check string ends where a check was expected");
        }
        var token = tokens[position++];
        switch (token)
        {
            case "(":
                var inner = ParseOr(tokens, ref position);
                if (position >= tokens.Count || tokens[position] != ")")
                {
                    throw new FormatException("missing ')'");
                }
                position++;
                return inner;
            case "@":
                return new PolicyExpression.Always();
            case "!":
                return new PolicyExpression.Never();
            case ")" or "and" or "or" or "not":
                throw new FormatException($"unexpected '{token}' where a check was expected");
        }
        return ParseCheck(token);
    }

    private static PolicyExpression ParseCheck(string token)
    {
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == token.Length - 1)
        {
            throw new FormatException($"'{token}' is not a check (expected KIND:MATCH, '@' or '!')");
        }
        var kind = token[..colon];
        var match = token[(colon + 1)..];
        if (kind == "role")
        {
            return new PolicyExpression.Role(match);
        }
        if (kind == "rule")
        {
            return new PolicyExpression.Rule(match);
        }
        if (kind is not ("project_id" or "user_id"))
        {
            throw new FormatException($"unknown check kind '{kind}' in '{token}' (known: role, rule, project_id, user_id)");
        }
        var target = TargetReference().Match(match);
        if (target.Success)
        {
            var key = target.Groups[1].Value;
            return key is "project_id" or "user_id"
                ? new PolicyExpression.Generic(kind, key, null)
                : throw new FormatException($"unknown target attribute '{key}' in '{token}' (known: project_id, user_id)");
        }
        return match.Contains('%', StringComparison.Ordinal)
            ? throw new FormatException($"'{match}' is neither a literal nor %(attribute)s")
            : new PolicyExpression.Generic(kind, null, match);
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        foreach (var word in text.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var start = 0;
            var end = word.Length;
            while (start < end && word[start] == '(')
            {
                tokens.Add("(");
                start++;
            }
            var closing = 0;
            while (end > start && word[end - 1] == ')' && !word[start..end].EndsWith(")s", StringComparison.Ordinal))
            {
                closing++;
                end--;
            }
            if (end > start)
            {
                var core = word[start..end];
                tokens.Add(core is "AND" or "OR" or "NOT" or "And" or "Or" or "Not" ? core.ToLowerInvariant() : core);
            }
            tokens.AddRange(Enumerable.Repeat(")", closing));
        }
        return tokens;
    }

    [GeneratedRegex(@"^%\(([A-Za-z0-9_.]+)\)s$")]
    private static partial Regex TargetReference();
}
