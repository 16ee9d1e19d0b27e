namespace ControlPlane.Compute.Startup;

/// <summary>Retries a start-up step until it succeeds, with a doubling delay bounded by a maximum,
/// measured on the injected <see cref="TimeProvider"/>. Only cancellation stops it.</summary>
internal static class StartupRetry
{
    public static async Task<T> RunAsync<T>(
        Func<CancellationToken, Task<T>> step,
        Action<Exception, int, TimeSpan> onFailure,
        TimeSpan firstDelay,
        TimeSpan maxDelay,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var delay = firstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await step(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                onFailure(e, attempt, delay);
            }

            await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, maxDelay.Ticks));
        }
    }
}
