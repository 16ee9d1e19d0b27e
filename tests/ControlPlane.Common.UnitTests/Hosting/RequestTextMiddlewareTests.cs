using ControlPlane.Domain.Errors;
using ControlPlane.Hosting.RequestText;
using Microsoft.AspNetCore.Http;

namespace ControlPlane.Common.UnitTests.Hosting;

public sealed class RequestTextMiddlewareTests
{
    [Theory]
    [InlineData("/servers/detail", "?name=%00")]
    [InlineData("/servers/detail", "?%00=x")]
    [InlineData("/v2/images", "?name=%ED%A0%80x&tag=%00")]
    public void Nul_in_path_or_query_is_a_400(string path, string query)
    {
        var request = Request(path, query);
        Assert.Throws<InvalidException>(() => RequestTextMiddleware.Check(request));
    }

    [Fact]
    public void Nul_in_a_decoded_path_is_a_400()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = new PathString("/os-keypairs/a\0b");
        Assert.Throws<InvalidException>(() => RequestTextMiddleware.Check(context.Request));
    }

    [Fact]
    public void Too_many_query_values_are_a_400()
    {
        var query = "?" + string.Join("&", Enumerable.Repeat("sort_key=name", RequestTextMiddleware.MaxQueryValues + 1));
        Assert.Throws<InvalidException>(() => RequestTextMiddleware.Check(Request("/v2/images", query)));
    }

    [Fact]
    public void Ordinary_requests_pass() =>
        RequestTextMiddleware.Check(Request("/servers/detail", "?name=vm%20%C3%A9&limit=5&status=ACTIVE"));

    private static HttpRequest Request(string path, string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = PathString.FromUriComponent(path);
        context.Request.QueryString = new QueryString(query);
        return context.Request;
    }
}
