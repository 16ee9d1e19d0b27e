namespace ControlPlane.XenApi.Transport;

/// <summary>
/// One XenAPI wire protocol. Returns the call's value in the wire object model, or throws
/// <see cref="Errors.XenApiFailure"/> (API failure) / <see cref="Errors.XenApiProtocolException"/> (anything else).
/// </summary>
public interface IXenApiTransport
{
    Task<object?> InvokeAsync(Uri host, string method, IReadOnlyList<object?> args, CancellationToken cancellationToken);
}
