using System.Globalization;

namespace ControlPlane.Messaging.Wire;

/// <summary>
/// An RPC API version, <c>major.minor</c> (the <c>rpc_version</c> header). A receiver that implements
/// <c>X.Y</c> handles any <c>X.y</c> with <c>y &lt;= Y</c>: minor versions only add methods or fields, a
/// major version changes meaning. This is oslo.messaging's rule.
/// </summary>
/// <param name="Major">Incompatible-change counter.</param>
/// <param name="Minor">Additive-change counter within <paramref name="Major"/>.</param>
public readonly record struct RpcVersion(int Major, int Minor)
{
    /// <summary>Parses <c>major.minor</c> (non-negative decimal integers); throws <see cref="FormatException"/> otherwise.</summary>
    public static RpcVersion Parse(string value) =>
        TryParse(value, out var version) ? version : throw new FormatException($"'{value}' is not an RPC version (major.minor).");

    /// <summary>Parses <c>major.minor</c>; false for anything else (signs, spaces, a third part, overflow).</summary>
    public static bool TryParse(string? value, out RpcVersion version)
    {
        version = default;
        var dot = value?.IndexOf('.') ?? -1;
        if (value is null || dot <= 0 || dot == value.Length - 1 ||
            !int.TryParse(value.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var major) ||
            !int.TryParse(value.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return false;
        }
        version = new RpcVersion(major, minor);
        return true;
    }

    /// <summary>True when a receiver implementing this version can handle a message sent as <paramref name="sent"/>: same major, minor not newer.</summary>
    public bool CanHandle(RpcVersion sent) => sent.Major == Major && sent.Minor <= Minor;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");
}
