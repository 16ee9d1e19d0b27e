using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using XapiSim.Hosting;
using XapiSim.Options;
using XapiSim.State;

namespace XapiSim.Gc;

/// <summary>
/// The background GC. <see cref="Kick"/> (SR.scan, VDI.destroy, VDI.snapshot) arms it; it runs once the
/// quiet period after the first kick has passed, unless paused or a disk transfer is streaming.
/// </summary>
public sealed class SrGarbageCollector(
    SimDatabase db,
    GcPass pass,
    SimPersistence persistence,
    IOptions<GcOptions> options,
    ILogger<SrGarbageCollector> logger) : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxSleep = TimeSpan.FromMilliseconds(250);
    private readonly SemaphoreSlim signal = new(0);
    private readonly Lock gate = new();
    private DateTimeOffset lastKick;
    private bool pending;
    private bool force;
    private bool paused = options.Value.Paused;
    private int transfers;
    private long runs;
    private long deleted;
    private long coalesced;
    private DateTimeOffset? lastRun;
    private string? lastError;

    public void Kick()
    {
        lock (gate)
        {
            // NOTE(xenapi): the quiet period runs from the first kick of a batch; later kicks (Nova polls SR.scan
            // every few seconds while it waits for a coalesce) must not postpone the collection forever.
            if (!pending)
            {
                lastKick = db.Clock.GetUtcNow();
                pending = true;
            }
        }

        signal.Release();
    }

    /// <summary>Runs as soon as possible, skipping the quiet period (admin <c>{"run": true}</c>).</summary>
    public void RunNow()
    {
        lock (gate)
        {
            pending = true;
            force = true;
        }

        signal.Release();
    }

    public void SetPaused(bool value)
    {
        lock (gate)
        {
            paused = value;
        }

        signal.Release();
    }

    /// <summary>Held while a disk streams in or out; the GC waits for none.</summary>
    public IDisposable BeginTransfer()
    {
        Interlocked.Increment(ref transfers);
        return new Lease(() => Interlocked.Decrement(ref transfers));
    }

    public GcStatus Status()
    {
        lock (gate)
        {
            return new GcStatus(paused, runs, deleted, coalesced, lastRun, lastError, pending);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await signal.WaitAsync(stoppingToken).ConfigureAwait(false);
            var wait = Due();
            if (wait is null)
            {
                continue;
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait.Value < MaxSleep ? wait.Value : MaxSleep, db.Clock, stoppingToken).ConfigureAwait(false);
                signal.Release();
                continue;
            }

            await CollectAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Null when nothing is pending; otherwise how long still to wait (zero = run now).</summary>
    private TimeSpan? Due()
    {
        lock (gate)
        {
            if (!pending || paused)
            {
                return null;
            }

            if (Volatile.Read(ref transfers) > 0)
            {
                return IdlePoll;
            }

            if (force)
            {
                return TimeSpan.Zero;
            }

            var left = lastKick + options.Value.QuietPeriod - db.Clock.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    private async Task CollectAsync(CancellationToken stoppingToken)
    {
        lock (gate)
        {
            pending = false;
            force = false;
        }

        await db.Lock.WaitAsync(stoppingToken).ConfigureAwait(false);
        try
        {
            // A transfer may have started between Due() and taking the lock: its lease is taken under the lock.
            if (Volatile.Read(ref transfers) > 0)
            {
                lock (gate)
                {
                    pending = true;
                }

                signal.Release();
                return;
            }

            var (d, c) = pass.Run(db);
            persistence.Save(db);
            lock (gate)
            {
                runs++;
                deleted += d;
                coalesced += c;
                lastRun = db.Clock.GetUtcNow();
                lastError = null;
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException or UnauthorizedAccessException)
        {
            SimLog.GcFailed(logger, e);
            lock (gate)
            {
                runs++;
                lastRun = db.Clock.GetUtcNow();
                lastError = e.Message;
            }
        }
        finally
        {
            db.Lock.Release();
        }
    }

    private sealed class Lease(Action release) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                release();
            }
        }
    }
}
