using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Primitives;

namespace ControlPlane.ConsoleProxy.Hosting;

/// <summary>
/// noVNC's directory as static files, with symbolic links followed: Debian's <c>vnc_auto.html</c> is a link to
/// <c>vnc.html</c>, and a plain physical provider would report the link's own length (8 bytes) and cut the page.
/// </summary>
internal sealed class NoVncFileProvider(string root) : IFileProvider, IDisposable
{
    private readonly PhysicalFileProvider _inner = new(root);

    public IFileInfo GetFileInfo(string subpath)
    {
        var info = _inner.GetFileInfo(subpath);
        if (info is not { Exists: true, PhysicalPath: { } path })
        {
            return info;
        }
        return new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true) is FileInfo { Exists: true } target
            ? new PhysicalFileInfo(target)
            : info;
    }

    public IDirectoryContents GetDirectoryContents(string subpath) => _inner.GetDirectoryContents(subpath);

    public IChangeToken Watch(string filter) => _inner.Watch(filter);

    public void Dispose() => _inner.Dispose();
}
