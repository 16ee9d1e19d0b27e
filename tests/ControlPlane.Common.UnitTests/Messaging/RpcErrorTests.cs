using ControlPlane.Domain.Errors;
using ControlPlane.Messaging.Wire;

namespace ControlPlane.Common.UnitTests.Messaging;

public sealed class RpcErrorTests
{
    private static Exception RoundTrip(Exception e) => RpcError.Parse(RpcError.FromException(e).ToBytes()).ToException();

    [Fact]
    public void NotFound_round_trips_as_NotFound_with_its_message()
    {
        var raised = RoundTrip(new NotFoundException("Instance 42 could not be found."));

        var notFound = Assert.IsType<NotFoundException>(raised);
        Assert.Equal("Instance 42 could not be found.", notFound.Message);
        Assert.Equal(404, notFound.HttpStatus);
    }

    [Theory]
    [InlineData(typeof(InvalidException), 400)]
    [InlineData(typeof(ConflictException), 409)]
    [InlineData(typeof(ForbiddenException), 403)]
    [InlineData(typeof(OverQuotaException), 403)]
    [InlineData(typeof(ServiceUnavailableException), 503)]
    [InlineData(typeof(PayloadTooLargeException), 413)]
    public void Every_message_constructible_kind_round_trips_as_itself(Type kind, int status)
    {
        var original = (Exception)Activator.CreateInstance(kind, new object?[] { "boom", null })!;

        var raised = RoundTrip(original);

        Assert.IsType(kind, raised);
        Assert.Equal("boom", raised.Message);
        Assert.Equal(status, ((ControlPlaneException)raised).HttpStatus);
    }

    [Fact]
    public void UnexpectedTaskState_becomes_a_Conflict_with_the_same_message()
    {
        var original = new UnexpectedTaskStateException("i-1", "spawning", "deleting");

        var raised = RoundTrip(original);

        var conflict = Assert.IsType<ConflictException>(raised);
        Assert.Equal(original.Message, conflict.Message);
    }

    [Fact]
    public void Unexpected_exceptions_become_RpcRemoteException()
    {
        var raised = RoundTrip(new InvalidOperationException("bug"));

        var remote = Assert.IsType<RpcRemoteException>(raised);
        Assert.Equal(RpcError.InternalKind, remote.Kind);
        Assert.Contains("InvalidOperationException: bug", remote.Message);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("{\"kind\":\"NotFoundException\"}")]
    public void Malformed_envelopes_become_internal_errors(string body)
    {
        var error = RpcError.Parse(System.Text.Encoding.UTF8.GetBytes(body));

        Assert.Equal(RpcError.InternalKind, error.Kind);
        Assert.IsType<RpcRemoteException>(error.ToException());
    }

    [Fact]
    public void Unknown_kinds_are_not_instantiated()
    {
        var raised = new RpcError("System.IO.FileNotFoundException", "x").ToException();

        Assert.IsType<RpcRemoteException>(raised);
    }
}
