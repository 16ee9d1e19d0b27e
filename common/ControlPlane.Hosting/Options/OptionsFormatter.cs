using System.Collections;
using System.Globalization;
using System.Reflection;

namespace ControlPlane.Hosting.Options;

/// <summary>Renders an options object as <c>Name=value, ...</c> with secrets replaced by <c>***</c>.</summary>
public static class OptionsFormatter
{
    /// <summary>Text printed instead of a secret value.</summary>
    public const string Mask = "***";

    private static readonly string[] SecretNameParts = ["password", "secret", "connectionstring", "token", "apikey"];

    /// <summary>Formats every public readable instance property of <paramref name="options"/>.</summary>
    public static string Format(object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parts = options.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={(IsSecret(p) ? Mask : Render(p.GetValue(options)))}");
        return string.Join(", ", parts);
    }

    /// <summary>True when the property is marked <see cref="RedactedAttribute"/> or its name looks like a secret.</summary>
    public static bool IsSecret(PropertyInfo property)
    {
        if (property.GetCustomAttribute<RedactedAttribute>() is not null)
        {
            return true;
        }
        var name = property.Name.ToLowerInvariant();
        return SecretNameParts.Any(name.Contains);
    }

    private static string Render(object? value) => value switch
    {
        null => "null",
        string s => s,
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Render)) + "]",
        _ => value.ToString() ?? string.Empty,
    };
}
