using System.Net.Sockets;
using ControlPlane.Domain.Errors;
using ControlPlane.Hosting.Resilience;
using ControlPlane.Testing;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace ControlPlane.Common.UnitTests.Resilience;

public sealed class TransientFaultMiddlewareTests
{
    private readonly FakeClock _clock = new();

    [Fact]
    public async Task A_read_that_meets_a_dropped_connection_is_run_again_and_keeps_the_headers_set_before_it()
    {
        var calls = 0;
        var middleware = new TransientFaultMiddleware(async context =>
        {
            calls++;
            if (calls == 1)
            {
                context.Response.Headers["X-Partial"] = "from the failed attempt";
                throw TransientFaultPolicyTests.Postgres("57P01");
            }
            context.Response.StatusCode = 200;
            await Task.CompletedTask;
        }, PolicyFactory.Create(_clock), _clock);
        var context = Context("GET");

        await ClockDriver.RunAsync(_clock, Run(middleware, context));

        Assert.Equal(2, calls);
        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("req-1", context.Response.Headers["X-OpenStack-Request-ID"]);
        Assert.False(context.Response.Headers.ContainsKey("X-Partial"));
    }

    [Fact]
    public async Task A_write_is_never_replayed_its_dropped_connection_is_a_503_with_retry_after()
    {
        var calls = 0;
        var middleware = new TransientFaultMiddleware(_ =>
        {
            calls++;
            throw new NpgsqlException("refused", new SocketException((int)SocketError.ConnectionRefused));
        }, PolicyFactory.Create(_clock), _clock);

        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() => middleware.InvokeAsync(Context("POST")));

        Assert.Equal(1, calls);
        Assert.Equal(503, error.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(2), error.RetryAfter);
    }

    [Fact]
    public async Task Other_errors_pass_through_untouched()
    {
        var middleware = new TransientFaultMiddleware(_ => throw new NotFoundException("no such image"), PolicyFactory.Create(_clock), _clock);
        await Assert.ThrowsAsync<NotFoundException>(() => middleware.InvokeAsync(Context("GET")));

        var bug = new TransientFaultMiddleware(_ => throw new InvalidOperationException("bug"), PolicyFactory.Create(_clock), _clock);
        await Assert.ThrowsAsync<InvalidOperationException>(() => bug.InvokeAsync(Context("GET")));
    }

    private static DefaultHttpContext Context(string method)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Response.Headers["X-OpenStack-Request-ID"] = "req-1";
        return context;
    }

    private static async Task<bool> Run(TransientFaultMiddleware middleware, HttpContext context)
    {
        await middleware.InvokeAsync(context);
        return true;
    }
}
