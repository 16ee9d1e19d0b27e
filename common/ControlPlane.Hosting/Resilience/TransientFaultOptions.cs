namespace ControlPlane.Hosting.Resilience;

/// <summary>
/// The one retry policy for dropped PostgreSQL, RabbitMQ and Redis connections (section <c>TransientFaults</c>):
/// a few attempts with jittered exponential back-off inside a short budget, then 503 with <c>Retry-After</c>.
/// </summary>
public sealed class TransientFaultOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "TransientFaults";

    /// <summary>Attempts in all, the first included. Default 4; 1 (no retry) to 10.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Delay before the first retry; doubled for each further one. Default 150 ms; 1 ms to 5 s.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Largest delay between two attempts. Default 1 s; at least <see cref="InitialDelay"/>, at most 10 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Random part of each delay, as a fraction of it (a delay d becomes d × (1 - j/2 .. 1 + j/2)). Default 0.5; 0 to 1.
    /// </summary>
    public double Jitter { get; set; } = 0.5;

    /// <summary>
    /// Time budget of one unit of work from its first attempt: no retry starts after it. Default 2.5 s; 0 to 30 s.
    /// </summary>
    public TimeSpan Budget { get; set; } = TimeSpan.FromMilliseconds(2500);

    /// <summary><c>Retry-After</c> of the 503 answered when the retries did not help. Default 2 s; 1 s to 5 min.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a message consumer holds a delivery that met a transient fault before giving it back to the queue
    /// (nack with requeue, not counted as a failed delivery). Default 1 s; 10 ms to 1 min.
    /// </summary>
    public TimeSpan RequeueDelay { get; set; } = TimeSpan.FromSeconds(1);
}
