using System.Net;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Options;
using ControlPlane.Domain.Errors;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ControlPlane.Api.UnitTests.Identity;

public sealed class LoginThrottleTests
{
    private static readonly IPAddress Source = IPAddress.Parse("192.0.2.7");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly IdentityOptions options = new() { LoginFailuresPerUser = 3, LoginFailuresPerSource = 5, LoginFailureWindow = TimeSpan.FromMinutes(5) };
    private readonly LoginThrottle throttle;

    public LoginThrottleTests()
    {
        throttle = new LoginThrottle(Microsoft.Extensions.Options.Options.Create(options), clock, NullLogger<LoginThrottle>.Instance);
    }

    [Fact]
    public void A_user_is_held_after_its_failures_until_the_window_ends()
    {
        for (var i = 0; i < 3; i++)
        {
            throttle.EnsureAllowed("name:default/alice", Source);
            throttle.RecordFailure("name:default/alice", Source);
        }
        clock.Advance(TimeSpan.FromMinutes(1));
        var held = Assert.Throws<TooManyRequestsException>(() => throttle.EnsureAllowed("name:default/alice", IPAddress.Parse("198.51.100.1")));
        Assert.Equal(TimeSpan.FromMinutes(4), held.RetryAfter);
        Assert.Equal(429, held.HttpStatus);

        throttle.EnsureAllowed("name:default/bob", Source);
        clock.Advance(TimeSpan.FromMinutes(4));
        throttle.EnsureAllowed("name:default/alice", Source);
    }

    [Fact]
    public void A_success_clears_the_user_but_not_the_source()
    {
        throttle.RecordFailure("u1", Source);
        throttle.RecordFailure("u1", Source);
        throttle.RecordSuccess("u1");
        throttle.RecordFailure("u1", Source);
        throttle.RecordFailure("u1", Source);
        throttle.EnsureAllowed("u1", Source);
        throttle.RecordFailure("u2", Source);
        Assert.Throws<TooManyRequestsException>(() => throttle.EnsureAllowed("u3", Source));
        throttle.EnsureAllowed("u3", IPAddress.Parse("::ffff:192.0.2.8"));
    }

    [Fact]
    public void Ipv4_mapped_addresses_count_as_their_ipv4_address()
    {
        for (var i = 0; i < 5; i++)
        {
            throttle.RecordFailure("user" + i, IPAddress.Parse("::ffff:192.0.2.7"));
        }
        Assert.Throws<TooManyRequestsException>(() => throttle.EnsureAllowed("new-user", Source));
    }

    [Fact]
    public void Failures_outside_the_window_start_a_new_one()
    {
        throttle.RecordFailure("u", null);
        throttle.RecordFailure("u", null);
        clock.Advance(TimeSpan.FromMinutes(5));
        throttle.RecordFailure("u", null);
        throttle.RecordFailure("u", null);
        throttle.EnsureAllowed("u", null);
        throttle.RecordFailure("u", null);
        Assert.Throws<TooManyRequestsException>(() => throttle.EnsureAllowed("u", null));
    }

    [Fact]
    public void The_table_is_bounded()
    {
        options.LoginThrottleMaxTracked = 1000;
        options.LoginFailuresPerUser = 1;
        for (var i = 0; i < 1000; i++)
        {
            throttle.RecordFailure("u" + i, null);
        }
        throttle.RecordFailure("one-too-many", null);
        throttle.EnsureAllowed("one-too-many", null);
        Assert.Throws<TooManyRequestsException>(() => throttle.EnsureAllowed("u0", null));

        clock.Advance(TimeSpan.FromMinutes(5));
        throttle.RecordFailure("after-expiry", null);
        Assert.Throws<TooManyRequestsException>(() => throttle.EnsureAllowed("after-expiry", null));
    }
}
