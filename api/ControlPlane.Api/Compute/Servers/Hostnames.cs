using System.Text;

namespace ControlPlane.Api.Compute.Servers;

/// <summary>Nova's <c>sanitize_hostname</c>: the default hostname of a server from its display name.</summary>
public static class Hostnames
{
    /// <summary>Lower case, spaces and underscores to '-', only [a-z0-9.-], trimmed of '.' and '-', at most 63 characters.</summary>
    public static string Sanitize(string name, Guid id)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            if (c is ' ' or '_')
            {
                sb.Append('-');
            }
            else if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-')
            {
                sb.Append(c);
            }
        }
        var s = sb.ToString().Trim('.', '-');
        if (s.Length > 63)
        {
            s = s[..63].TrimEnd('.', '-');
        }
        return s.Length > 0 ? s : "server-" + id.ToString("D");
    }
}
