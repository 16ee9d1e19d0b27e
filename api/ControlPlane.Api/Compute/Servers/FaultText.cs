using System.Text.RegularExpressions;

namespace ControlPlane.Api.Compute.Servers;

/// <summary>
/// A server fault's message as a non-admin may see it: host paths, URLs, addresses, XenAPI references and
/// error codes, and the compute host's name are replaced by placeholders (admins see the message and the
/// <c>details</c> unchanged). The same text on REST and gRPC.
/// </summary>
public static partial class FaultText
{
    /// <summary>The message of a fault for a caller who is not an admin; <paramref name="host"/> is the server's compute host.</summary>
    public static string ForNonAdmin(string message, string? host)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = Url().Replace(message, "[url]");
        text = Address().Replace(text, "[address]");
        text = PathLike().Replace(text, "[path]");
        text = OpaqueRef().Replace(text, "[ref]");
        text = HypervisorCode().Replace(text, "[hypervisor error]");
        if (!string.IsNullOrEmpty(host))
        {
            text = text.Replace(host, "[host]", StringComparison.OrdinalIgnoreCase);
        }
        return text;
    }

    [GeneratedRegex(@"\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s'""]+")]
    private static partial Regex Url();

    [GeneratedRegex(@"\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b")]
    private static partial Regex Address();

    [GeneratedRegex(@"(?<![\w.\-])(?:~|\.{1,2})?/[^\s'""(),;\]]+|\b[A-Za-z]:\\[^\s'""]+")]
    private static partial Regex PathLike();

    [GeneratedRegex(@"OpaqueRef:[0-9A-Za-z\-]+")]
    private static partial Regex OpaqueRef();

    [GeneratedRegex(@"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")]
    private static partial Regex HypervisorCode();
}
