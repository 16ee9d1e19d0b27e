namespace ControlPlane.Testing;

/// <summary>
/// A bounded wait of <see cref="Eventually"/>, <see cref="ChangeSignal"/>,
/// <see cref="TaskDeadlines"/> or <see cref="FakeClock"/> reached its deadline. The message names
/// what was awaited and, where there is one, the last value observed.
/// </summary>
public sealed class WaitTimeoutException : TimeoutException
{
    /// <summary>Creates the exception for a wait on <paramref name="what"/> that lasted <paramref name="timeout"/>.</summary>
    public WaitTimeoutException(string what, TimeSpan timeout, string? lastObserved = null)
        : base(Describe(what, timeout, lastObserved))
    {
        What = what;
        LastObserved = lastObserved;
    }

    /// <summary>What the test waited for.</summary>
    public string What { get; }

    /// <summary>The last value observed before the deadline, when the wait observed one.</summary>
    public string? LastObserved { get; }

    private static string Describe(string what, TimeSpan timeout, string? lastObserved) =>
        $"Timed out after {timeout.TotalSeconds:0.###} s waiting for: {what}"
        + (lastObserved is null ? "" : $" (last observed: {lastObserved})");
}
