using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ControlPlane.Api.UnitTests.Infrastructure;

/// <summary>
/// The JSON Schema Draft-4 subset tempest's compute response schemas use: type, properties, required,
/// additionalProperties, patternProperties, items, enum, oneOf, min/maxItems, min/maxLength, pattern,
/// uniqueItems, and the formats uuid, uri, ipv4, ipv6 and iso8601-date-time. Returns every violation.
/// </summary>
public static class SchemaValidator
{
    /// <summary>The violations of <paramref name="instance"/> against <paramref name="schema"/> (empty = valid).</summary>
    public static IReadOnlyList<string> Validate(JsonNode? instance, JsonNode schema)
    {
        var errors = new List<string>();
        Check(instance, schema.AsObject(), "$", errors);
        return errors;
    }

    private static void Check(JsonNode? node, JsonObject schema, string path, List<string> errors)
    {
        if (schema["type"] is { } type && !TypeMatches(node, type))
        {
            errors.Add($"{path}: {Describe(node)} is not of type {type.ToJsonString()}");
            return;
        }
        if (schema["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, node)))
        {
            errors.Add($"{path}: {Describe(node)} is not one of {values.ToJsonString()}");
        }
        if (schema["oneOf"] is JsonArray oneOf)
        {
            var matches = oneOf.Count(s => Validate(node, s!).Count == 0);
            if (matches != 1)
            {
                errors.Add($"{path}: {Describe(node)} matches {matches} of the oneOf schemas, expected exactly 1");
            }
        }
        switch (node)
        {
            case JsonObject obj:
                CheckObject(obj, schema, path, errors);
                break;
            case JsonArray array:
                CheckArray(array, schema, path, errors);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                CheckString(value.GetValue<string>(), schema, path, errors);
                break;
        }
    }

    private static void CheckObject(JsonObject obj, JsonObject schema, string path, List<string> errors)
    {
        var properties = schema["properties"]?.AsObject();
        var patterns = schema["patternProperties"]?.AsObject();
        foreach (var required in schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
        {
            if (!obj.ContainsKey(required))
            {
                errors.Add($"{path}: '{required}' is a required property");
            }
        }
        foreach (var (name, value) in obj)
        {
            var matched = false;
            if (properties?[name] is JsonObject propertySchema)
            {
                Check(value, propertySchema, path + "." + name, errors);
                matched = true;
            }
            foreach (var (pattern, patternSchema) in patterns ?? [])
            {
                if (Regex.IsMatch(name, pattern))
                {
                    Check(value, patternSchema!.AsObject(), path + "." + name, errors);
                    matched = true;
                }
            }
            if (!matched)
            {
                switch (schema["additionalProperties"])
                {
                    case JsonValue v when v.GetValueKind() == JsonValueKind.False:
                        errors.Add($"{path}: additional property '{name}' is not allowed");
                        break;
                    case JsonObject additional:
                        Check(value, additional, path + "." + name, errors);
                        break;
                }
            }
        }
    }

    private static void CheckArray(JsonArray array, JsonObject schema, string path, List<string> errors)
    {
        if (schema["minItems"] is { } min && array.Count < min.GetValue<int>())
        {
            errors.Add($"{path}: fewer than {min} items");
        }
        if (schema["maxItems"] is { } max && array.Count > max.GetValue<int>())
        {
            errors.Add($"{path}: more than {max} items");
        }
        if (schema["uniqueItems"] is JsonValue u && u.GetValue<bool>() && array.Select(a => a?.ToJsonString()).Distinct().Count() != array.Count)
        {
            errors.Add($"{path}: items are not unique");
        }
        if (schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(array[i], items, $"{path}[{i}]", errors);
            }
        }
    }

    private static void CheckString(string s, JsonObject schema, string path, List<string> errors)
    {
        if (schema["minLength"] is { } min && s.Length < min.GetValue<int>())
        {
            errors.Add($"{path}: '{s}' is too short");
        }
        if (schema["maxLength"] is { } max && s.Length > max.GetValue<int>())
        {
            errors.Add($"{path}: '{s}' is too long");
        }
        if (schema["pattern"] is { } pattern && !Regex.IsMatch(s, pattern.GetValue<string>()))
        {
            errors.Add($"{path}: '{s}' does not match '{pattern}'");
        }
        if (schema["format"] is { } format && !FormatMatches(s, format.GetValue<string>()))
        {
            errors.Add($"{path}: '{s}' is not a '{format}'");
        }
    }

    private static bool FormatMatches(string s, string format) => format switch
    {
        "uuid" => Guid.TryParse(s, out _),
        "uri" => Uri.TryCreate(s, UriKind.Absolute, out _),
        "ipv4" => IPAddress.TryParse(s, out var a) && a.AddressFamily == AddressFamily.InterNetwork,
        "ipv6" => IPAddress.TryParse(s, out var b) && b.AddressFamily == AddressFamily.InterNetworkV6,
        // tempest: iso8601.parse_date must accept it
        "iso8601-date-time" => Regex.IsMatch(s, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$"),
        _ => true,
    };

    private static bool TypeMatches(JsonNode? node, JsonNode type) => type switch
    {
        JsonArray types => types.Any(t => IsType(node, t!.GetValue<string>())),
        _ => IsType(node, type.GetValue<string>()),
    };

    private static bool IsType(JsonNode? node, string type)
    {
        var kind = node?.GetValueKind() ?? JsonValueKind.Null;
        return type switch
        {
            "null" => kind == JsonValueKind.Null,
            "object" => kind == JsonValueKind.Object,
            "array" => kind == JsonValueKind.Array,
            "string" => kind == JsonValueKind.String,
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "number" => kind == JsonValueKind.Number,
            "integer" => kind == JsonValueKind.Number && decimal.TryParse(node!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d),
            _ => false,
        };
    }

    private static string Describe(JsonNode? node) => node?.ToJsonString() ?? "null";
}
