using System.Text;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Wire;

namespace XapiSim.Dispatch;

/// <summary>
/// XAPI's <c>get_all_records_where</c> filter language: <c>field "name__label"="x" and (field "a"="b" or not field "c"&lt;&gt;"d")</c>,
/// <c>true</c>, <c>false</c>. Field names are DB column names: namespaces joined by a double underscore.
/// </summary>
public static class WhereExpression
{
    public static Func<IReadOnlyDictionary<string, object?>, bool> Parse(string text)
    {
        var parser = new Parser(Tokenize(text));
        var predicate = parser.Or();
        return parser.AtEnd ? predicate : throw Invalid(text);
    }

    private static XenApiFailure Invalid(string text) =>
        new(XenApiErrorCodes.InternalError, [$"Db_filter.Expression_error(\"{text}\")"]);

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '"')
            {
                var sb = new StringBuilder("\"");
                for (i++; i < text.Length && text[i] != '"'; i++)
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    sb.Append(text[i]);
                }

                if (i >= text.Length)
                {
                    throw Invalid(text);
                }

                tokens.Add(sb.ToString());
                i++;
            }
            else if (c is '(' or ')' or '=')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c == '<' && i + 1 < text.Length && text[i + 1] == '>')
            {
                tokens.Add("<>");
                i += 2;
            }
            else if (char.IsLetter(c))
            {
                var start = i;
                while (i < text.Length && char.IsLetter(text[i]))
                {
                    i++;
                }

                tokens.Add(text[start..i].ToLowerInvariant());
            }
            else
            {
                throw Invalid(text);
            }
        }

        return tokens;
    }

    private static string FieldValue(IReadOnlyDictionary<string, object?> record, string column)
    {
        var wire = column.Replace("__", "_", StringComparison.Ordinal);
        return record.TryGetValue(wire, out var v) ? WireConvert.ToStr(v) : "";
    }

    private sealed class Parser(List<string> tokens)
    {
        private int pos;

        public bool AtEnd => pos == tokens.Count;

        public Func<IReadOnlyDictionary<string, object?>, bool> Or()
        {
            var left = And();
            while (Accept("or"))
            {
                var l = left;
                var r = And();
                left = rec => l(rec) || r(rec);
            }

            return left;
        }

        private Func<IReadOnlyDictionary<string, object?>, bool> And()
        {
            var left = Factor();
            while (Accept("and"))
            {
                var l = left;
                var r = Factor();
                left = rec => l(rec) && r(rec);
            }

            return left;
        }

        private Func<IReadOnlyDictionary<string, object?>, bool> Factor()
        {
            if (Accept("not"))
            {
                var inner = Factor();
                return rec => !inner(rec);
            }

            if (Accept("("))
            {
                var inner = Or();
                Expect(")");
                return inner;
            }

            if (Accept("true"))
            {
                return _ => true;
            }

            if (Accept("false"))
            {
                return _ => false;
            }

            var left = Operand();
            var equal = Accept("=");
            if (!equal)
            {
                Expect("<>");
            }

            var right = Operand();
            return rec => string.Equals(left(rec), right(rec), StringComparison.Ordinal) == equal;
        }

        private Func<IReadOnlyDictionary<string, object?>, string> Operand()
        {
            if (Accept("field"))
            {
                var name = Literal();
                return rec => FieldValue(rec, name);
            }

            var literal = Literal();
            return _ => literal;
        }

        private string Literal()
        {
            if (pos < tokens.Count && tokens[pos].StartsWith('"'))
            {
                return tokens[pos++][1..];
            }

            throw Invalid(string.Join(' ', tokens));
        }

        private bool Accept(string token)
        {
            if (pos < tokens.Count && tokens[pos] == token)
            {
                pos++;
                return true;
            }

            return false;
        }

        private void Expect(string token)
        {
            if (!Accept(token))
            {
                throw Invalid(string.Join(' ', tokens));
            }
        }
    }
}
