using System.Net.Sockets;
using ControlPlane.Domain.Errors;
using ControlPlane.Hosting.Resilience;
using ControlPlane.Testing;
using Npgsql;
using RabbitMQ.Client.Exceptions;

namespace ControlPlane.Common.UnitTests.Resilience;

public sealed class TransientFaultPolicyTests
{
    private readonly FakeClock _clock = new();

    public static TheoryData<Exception, TransientFaultKind> Faults() => new()
    {
        { new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)), TransientFaultKind.NotStarted },
        { Postgres("57P03"), TransientFaultKind.NotStarted },
        { Postgres("53300"), TransientFaultKind.NotStarted },
        { Postgres("57P01"), TransientFaultKind.Interrupted },
        { Postgres("08006"), TransientFaultKind.Interrupted },
        { new NpgsqlException("Exception while reading from stream", new IOException("reset")), TransientFaultKind.Interrupted },
        { new InvalidOperationException("wrapped", Postgres("57P01")), TransientFaultKind.Interrupted },
        { new AggregateException(new InvalidOperationException("x"), new NpgsqlException("c", new SocketException((int)SocketError.ConnectionRefused))), TransientFaultKind.NotStarted },
        { new BrokerUnreachableException(new IOException("down")), TransientFaultKind.NotStarted },
        { Postgres("23505"), TransientFaultKind.None },
        { Postgres("22021"), TransientFaultKind.None },
        { new IOException("a file"), TransientFaultKind.None },
        { new InvalidOperationException("a bug"), TransientFaultKind.None },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void Infrastructure_failures_are_classified_and_nothing_else(Exception fault, TransientFaultKind expected) =>
        Assert.Equal(expected, PolicyFactory.Create(_clock).Classify(fault));

    [Fact]
    public async Task A_connection_that_could_not_be_opened_is_retried_even_for_work_that_is_not_idempotent()
    {
        var policy = PolicyFactory.Create(_clock);
        var attempts = 0;

        var run = policy.ExecuteAsync(_ => ++attempts < 3
            ? throw new NpgsqlException("refused", new SocketException((int)SocketError.ConnectionRefused))
            : Task.FromResult("done"), idempotent: false, CancellationToken.None);

        Assert.Equal("done", await AdvanceUntilDoneAsync(run));
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task A_connection_broken_mid_way_is_retried_only_for_idempotent_work()
    {
        var policy = PolicyFactory.Create(_clock);
        var attempts = 0;

        var write = await Assert.ThrowsAsync<ServiceUnavailableException>(() => policy.ExecuteAsync<int>(_ =>
        {
            attempts++;
            throw Postgres("57P01");
        }, idempotent: false, CancellationToken.None));
        Assert.Equal(1, attempts);
        Assert.Equal(TimeSpan.FromSeconds(2), write.RetryAfter);
        Assert.IsType<PostgresException>(write.InnerException);

        attempts = 0;
        var read = policy.ExecuteAsync(_ => ++attempts < 2 ? throw Postgres("57P01") : Task.FromResult(7), idempotent: true, CancellationToken.None);
        Assert.Equal(7, await AdvanceUntilDoneAsync(read));
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Retries_stop_at_the_attempt_limit_inside_the_budget_then_the_answer_is_503_with_retry_after()
    {
        var policy = PolicyFactory.Create(_clock, o => o.RetryAfter = TimeSpan.FromSeconds(3));
        var attempts = 0;
        var start = _clock.GetUtcNow();

        var run = policy.ExecuteAsync<int>(_ =>
        {
            attempts++;
            throw new NpgsqlException("refused", new SocketException((int)SocketError.ConnectionRefused));
        }, idempotent: true, CancellationToken.None);
        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() => AdvanceUntilDoneAsync(run));

        Assert.Equal(4, attempts);
        Assert.InRange(_clock.GetUtcNow() - start, TimeSpan.FromMilliseconds(150 * 7 * 0.75), TimeSpan.FromMilliseconds(2500));
        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
        Assert.Equal(TransientFaultPolicy.UnavailableMessage, error.Message);
    }

    [Fact]
    public async Task Other_failures_pass_unchanged_without_a_retry()
    {
        var policy = PolicyFactory.Create(_clock);
        var attempts = 0;

        await Assert.ThrowsAsync<PostgresException>(() => policy.ExecuteAsync<int>(_ =>
        {
            attempts++;
            throw Postgres("23505");
        }, idempotent: true, CancellationToken.None));

        Assert.Equal(1, attempts);
        Assert.Null(policy.AsServiceUnavailable(new InvalidOperationException("bug")));
    }

    [Fact]
    public void Invalid_options_are_refused_with_their_names()
    {
        var result = new TransientFaultOptionsValidator().Validate(null, new TransientFaultOptions
        {
            MaxAttempts = 0, InitialDelay = TimeSpan.Zero, Budget = TimeSpan.FromMinutes(1), RetryAfter = TimeSpan.Zero, Jitter = 2,
        });

        Assert.True(result.Failed);
        foreach (var name in new[] { "MaxAttempts", "InitialDelay", "Budget", "RetryAfter", "Jitter" })
        {
            Assert.Contains("TransientFaults:" + name, result.FailureMessage);
        }
        Assert.True(new TransientFaultOptionsValidator().Validate(null, new TransientFaultOptions()).Succeeded);
    }

    internal static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);

    /// <summary>Moves the fake clock to each back-off timer the work waits on until it ends.</summary>
    private async Task<T> AdvanceUntilDoneAsync<T>(Task<T> run) => await ClockDriver.RunAsync(_clock, run);
}
