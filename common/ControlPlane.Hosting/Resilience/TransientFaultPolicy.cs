using ControlPlane.Domain.Errors;
using ControlPlane.Hosting.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Hosting.Resilience;

/// <summary>
/// The one policy for dropped PostgreSQL, RabbitMQ and Redis connections in every service: it classifies a failure
/// with the registered <see cref="ITransientFaultClassifier"/>s, retries work within
/// <see cref="TransientFaultOptions"/> (always when nothing ran, only idempotent work when the connection broke
/// mid-way), and otherwise turns the failure into a <see cref="ServiceUnavailableException"/> (503 with
/// <c>Retry-After</c>, gRPC UNAVAILABLE) instead of a 500. Used at the edges (REST middleware, gRPC interceptor)
/// and by message consumers, not at each call site.
/// </summary>
public sealed class TransientFaultPolicy(
    IEnumerable<ITransientFaultClassifier> classifiers,
    IOptions<TransientFaultOptions> options,
    TimeProvider timeProvider,
    ILogger<TransientFaultPolicy> logger)
{
    /// <summary>Message of the 503 answered for a dropped connection.</summary>
    public const string UnavailableMessage =
        "A backing service (database, message broker or cache) is temporarily unavailable; retry the request.";

    private readonly ITransientFaultClassifier[] _classifiers = [.. classifiers];

    /// <summary>The options in force.</summary>
    public TransientFaultOptions Options => options.Value;

    /// <summary>
    /// The kind of <paramref name="exception"/>, looking through inner and aggregated exceptions (the most
    /// permissive kind found wins: <see cref="TransientFaultKind.NotStarted"/> over <see cref="TransientFaultKind.Interrupted"/>).
    /// </summary>
    public TransientFaultKind Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var result = TransientFaultKind.None;
        var pending = new Stack<Exception>();
        pending.Push(exception);
        for (var seen = 0; pending.Count > 0 && seen < 16; seen++)
        {
            var e = pending.Pop();
            foreach (var classifier in _classifiers)
            {
                var kind = classifier.Classify(e);
                if (kind == TransientFaultKind.NotStarted)
                {
                    return kind;
                }
                if (kind == TransientFaultKind.Interrupted)
                {
                    result = kind;
                }
            }
            if (e is AggregateException aggregate)
            {
                aggregate.InnerExceptions.ToList().ForEach(pending.Push);
            }
            else if (e.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
        return result;
    }

    /// <summary>True when <paramref name="exception"/> is a transient infrastructure fault.</summary>
    public bool IsTransient(Exception exception) => Classify(exception) != TransientFaultKind.None;

    /// <summary>
    /// The 503 for <paramref name="exception"/>: itself when it already is a <see cref="ServiceUnavailableException"/>,
    /// a new one (with <see cref="TransientFaultOptions.RetryAfter"/>) for a transient fault, <c>null</c> otherwise.
    /// </summary>
    public ServiceUnavailableException? AsServiceUnavailable(Exception exception) => exception switch
    {
        ServiceUnavailableException unavailable => unavailable,
        _ when IsTransient(exception) => new ServiceUnavailableException(UnavailableMessage, exception) { RetryAfter = options.Value.RetryAfter },
        _ => null,
    };

    /// <summary>
    /// Whether work that failed with <paramref name="exception"/> on attempt <paramref name="attempt"/> (1 = first),
    /// <paramref name="elapsed"/> after its first attempt, is tried again, and after which <paramref name="delay"/>.
    /// </summary>
    public bool ShouldRetry(Exception exception, int attempt, TimeSpan elapsed, bool idempotent, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        var kind = Classify(exception);
        if (kind == TransientFaultKind.None || (kind == TransientFaultKind.Interrupted && !idempotent) || attempt >= options.Value.MaxAttempts)
        {
            return false;
        }
        delay = BackOff(attempt);
        if (elapsed + delay > options.Value.Budget)
        {
            return false;
        }
        HostingLog.TransientFaultRetry(logger, kind.ToString(), attempt, delay.TotalMilliseconds, exception.GetType().Name, exception.Message);
        return true;
    }

    /// <summary>
    /// Runs <paramref name="work"/>, retrying transient faults by the policy; a fault that is not retried (any more)
    /// becomes a <see cref="ServiceUnavailableException"/>, other exceptions pass unchanged.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> work, bool idempotent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var start = timeProvider.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (ShouldRetry(e, attempt, timeProvider.GetElapsedTime(start), idempotent, out var delay))
                {
                    await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                if (e is not ServiceUnavailableException && AsServiceUnavailable(e) is { } unavailable)
                {
                    HostingLog.TransientFaultUnavailable(logger, attempt, e.GetType().Name, e.Message);
                    throw unavailable;
                }
                throw;
            }
        }
    }

    /// <summary>The jittered delay before the consumer gives a delivery that met a transient fault back to its queue.</summary>
    public TimeSpan RequeueDelay() => Jittered(options.Value.RequeueDelay);

    private TimeSpan BackOff(int attempt)
    {
        var o = options.Value;
        var raw = o.InitialDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        return Jittered(TimeSpan.FromMilliseconds(Math.Min(raw, o.MaxDelay.TotalMilliseconds)));
    }

    private TimeSpan Jittered(TimeSpan delay)
    {
        var j = options.Value.Jitter;
        return TimeSpan.FromMilliseconds(delay.TotalMilliseconds * (1 - (j / 2) + (Random.Shared.NextDouble() * j)));
    }
}
