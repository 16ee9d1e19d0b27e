using System.Text;
using ControlPlane.Vhd.Format;

namespace ControlPlane.Vhd.Files;

/// <summary>Encodes and decodes parent locator payloads the way blktap does (relative paths, MacX file URL, W2ku/W2ru UTF-16LE).</summary>
internal static class ParentLocatorCodec
{
    /// <summary>Locator codes written, in blktap's order.</summary>
    public static readonly VhdPlatformCode[] Written = [VhdPlatformCode.MacX, VhdPlatformCode.W2ku, VhdPlatformCode.W2ru];

    /// <summary>Minimum reserved space per locator, so set-parent can later store a longer path in place.</summary>
    public const int MinSpace = 1024;

    /// <summary>The parent's path relative to the child's directory, with a leading <c>./</c> when in the same tree.</summary>
    public static string RelativePath(string childPath, string parentPath)
    {
        string childDir = Path.GetDirectoryName(Path.GetFullPath(childPath))!;
        string rel = Path.GetRelativePath(childDir, Path.GetFullPath(parentPath)).Replace('\\', '/');
        if (Path.IsPathRooted(rel) || rel.StartsWith("./", StringComparison.Ordinal) || rel.StartsWith("../", StringComparison.Ordinal))
        {
            return rel;
        }

        return "./" + rel;
    }

    public static byte[] Encode(VhdPlatformCode code, string relativePath) => code switch
    {
        VhdPlatformCode.MacX => Encoding.UTF8.GetBytes("file://" + relativePath),
        VhdPlatformCode.W2ku or VhdPlatformCode.W2ru => Encoding.Unicode.GetBytes(relativePath.Replace('/', '\\')),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "only MacX, W2ku and W2ru locators are written"),
    };

    /// <summary>Decodes a locator payload into a path (forward slashes), or null for codes we cannot follow.</summary>
    public static string? Decode(VhdPlatformCode code, ReadOnlySpan<byte> data)
    {
        string? text = code switch
        {
            VhdPlatformCode.MacX => Encoding.UTF8.GetString(data),
            VhdPlatformCode.W2ku or VhdPlatformCode.W2ru => Encoding.Unicode.GetString(data[..(data.Length & ~1)]).Replace('\\', '/'),
            _ => null,
        };
        if (text is null)
        {
            return null;
        }

        text = text.TrimEnd('\0');
        if (code == VhdPlatformCode.MacX && text.StartsWith("file://", StringComparison.Ordinal))
        {
            text = text["file://".Length..];
        }

        return text.Length == 0 || text.Contains('\0') ? null : text;
    }
}
