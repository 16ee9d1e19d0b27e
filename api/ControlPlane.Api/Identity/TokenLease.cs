namespace ControlPlane.Api.Identity;

/// <summary>
/// A call's hold on its token (see <see cref="StreamTokenWatch"/>): <see cref="Token"/> is cancelled
/// when the call is aborted or the token ends; <see cref="EndReason"/> says which. Dispose it when
/// the call is over to stop watching.
/// </summary>
public sealed class TokenLease : IDisposable
{
    private readonly CancellationTokenSource ended = new();
    private readonly CancellationTokenSource linked;
    private string? endReason;

    /// <summary>A lease for a call aborted by <paramref name="callAborted"/>.</summary>
    public TokenLease(CancellationToken callAborted)
    {
        linked = CancellationTokenSource.CreateLinkedTokenSource(callAborted, ended.Token);
    }

    /// <summary>Cancelled when the call is aborted, the token expires or is revoked, or the lease is disposed.</summary>
    public CancellationToken Token => linked.Token;

    /// <summary>Why the token ended ("expired", "was revoked"), or <c>null</c> while it is valid.</summary>
    public string? EndReason => Volatile.Read(ref endReason);

    /// <summary>Cancelled when the watcher should stop: the lease's token fired or the lease was disposed.</summary>
    internal CancellationToken Stopping => linked.Token;

    /// <summary>Marks the token as ended and cancels <see cref="Token"/>.</summary>
    internal void End(string reason)
    {
        Volatile.Write(ref endReason, reason);
        try
        {
            ended.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call finished first.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            linked.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
        linked.Dispose();
        ended.Dispose();
    }
}
