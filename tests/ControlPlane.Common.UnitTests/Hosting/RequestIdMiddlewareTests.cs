using ControlPlane.Domain.Context;
using ControlPlane.Hosting.RequestIds;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Common.UnitTests.Hosting;

public sealed class RequestIdMiddlewareTests
{
    private sealed class ScopeRecordingLogger : ILogger<RequestIdMiddleware>
    {
        public List<object> Scopes { get; } = [];

        public IDisposable BeginScope<TState>(TState state) where TState : notnull
        {
            Scopes.Add(state);
            return new Noop();
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }

        private sealed class Noop : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }

    private static async Task<(HttpContext Context, string? SeenInside, ScopeRecordingLogger Logger)> RunAsync(string? incoming)
    {
        var context = new DefaultHttpContext();
        if (incoming is not null)
        {
            context.Request.Headers[RequestIdMiddleware.OpenStackHeader] = incoming;
        }
        string? seen = null;
        var logger = new ScopeRecordingLogger();
        var middleware = new RequestIdMiddleware(_ => { seen = RequestContext.Current; return Task.CompletedTask; }, logger);
        await middleware.InvokeAsync(context);
        return (context, seen, logger);
    }

    [Fact]
    public async Task A_valid_incoming_id_is_kept_echoed_in_both_headers_and_made_current()
    {
        const string id = "req-0b7e3c4d-5f6a-4b8c-9d0e-1f2a3b4c5d6e";

        var (context, seen, logger) = await RunAsync(id);

        Assert.Equal(id, context.Response.Headers["X-OpenStack-Request-ID"].ToString());
        Assert.Equal(id, context.Response.Headers["X-Compute-Request-Id"].ToString());
        Assert.Equal(id, seen);
        Assert.Equal(id, context.TraceIdentifier);
        var scope = Assert.IsType<RequestIdScope>(Assert.Single(logger.Scopes));
        Assert.Equal(new KeyValuePair<string, object?>("RequestId", id), Assert.Single(scope));
        Assert.Null(RequestContext.Current);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("req-not-a-uuid")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("req-0b7e3c4d-5f6a-4b8c-9d0e-1f2a3b4c5d6e\r\nSet-Cookie: x")]
    public async Task A_missing_or_malformed_id_is_replaced_by_a_new_one(string? incoming)
    {
        var (context, seen, _) = await RunAsync(incoming);

        var id = context.Response.Headers["X-OpenStack-Request-ID"].ToString();
        Assert.True(RequestIdMiddleware.IsValid(id));
        Assert.NotEqual(incoming, id);
        Assert.Equal(id, seen);
        Assert.Equal(id, context.Response.Headers["X-Compute-Request-Id"].ToString());
    }

    [Fact]
    public async Task An_id_assigned_by_the_context_factory_is_the_one_used()
    {
        const string assigned = "req-1b7e3c4d-5f6a-4b8c-9d0e-1f2a3b4c5d6e";
        var context = new DefaultHttpContext { TraceIdentifier = assigned };
        context.Request.Headers[RequestIdMiddleware.OpenStackHeader] = "garbage";
        string? seen = null;
        var middleware = new RequestIdMiddleware(_ => { seen = RequestContext.Current; return Task.CompletedTask; }, new ScopeRecordingLogger());

        await middleware.InvokeAsync(context);

        Assert.Equal(assigned, seen);
        Assert.Equal(assigned, context.Response.Headers["X-OpenStack-Request-ID"].ToString());
    }
}
