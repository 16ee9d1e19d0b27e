using System.Diagnostics;
using System.Text;
using ControlPlane.Domain.Context;
using ControlPlane.Messaging.Wire;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Common.UnitTests.Messaging;

public sealed class RpcMessageHeadersTests
{
    /// <summary>What the broker hands back: string header values arrive as UTF-8 byte arrays.</summary>
    private static Dictionary<string, object?> AsDelivered(Dictionary<string, object?> headers) =>
        headers.ToDictionary(h => h.Key, h => h.Value is string s ? (object?)Encoding.UTF8.GetBytes(s) : h.Value);

    [Fact]
    public void Outgoing_headers_carry_type_version_current_request_id_and_traceparent()
    {
        using var request = RequestContext.Begin("req-3f0e8c1a-8d2b-4f7e-9a51-2c8d5b6e7f90");
        using var activity = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();

        var headers = RpcMessageHeaders.ForOutgoing(new BuildInstance(), "1.3", activity).ToAmqp();

        Assert.Equal("controlplane.rpc.v1.BuildInstance", headers["type"]);
        Assert.Equal("1.3", headers["rpc_version"]);
        Assert.Equal("req-3f0e8c1a-8d2b-4f7e-9a51-2c8d5b6e7f90", headers["request_id"]);
        Assert.Equal(activity.Id, headers["traceparent"]);
        Assert.StartsWith("00-" + activity.TraceId.ToHexString() + "-", (string)headers["traceparent"]!);
    }

    [Fact]
    public void Outgoing_headers_without_a_current_request_get_a_new_request_id_and_no_traceparent()
    {
        Assert.Null(Activity.Current);
        var headers = RpcMessageHeaders.ForOutgoing(new BuildInstance(), "1.0");

        Assert.True(RpcMessageHeaders.TryParse(AsDelivered(headers.ToAmqp()), out var parsed, out _));
        Assert.Equal(headers.RequestId, parsed!.RequestId);
        Assert.Matches("^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", headers.RequestId);
        Assert.False(headers.ToAmqp().ContainsKey("traceparent"));
    }

    [Fact]
    public void Delivered_headers_round_trip()
    {
        var sent = new RpcMessageHeaders("controlplane.rpc.v1.GetHostInstances", "1.0",
            "req-3f0e8c1a-8d2b-4f7e-9a51-2c8d5b6e7f90", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        Assert.True(RpcMessageHeaders.TryParse(AsDelivered(sent.ToAmqp()), out var parsed, out var error));

        Assert.Null(error);
        Assert.Equal(sent, parsed);
    }

    [Theory]
    [InlineData(null, "1.0", "missing 'type' header")]
    [InlineData("bad type!", "1.0", "malformed 'type' header")]
    [InlineData("controlplane.rpc.v1.BuildInstance", null, "missing 'rpc_version' header")]
    [InlineData("controlplane.rpc.v1.BuildInstance", "one", "malformed 'rpc_version' header")]
    [InlineData("controlplane.rpc.v1.BuildInstance", "1.", "malformed 'rpc_version' header")]
    public void Missing_or_malformed_type_or_version_is_rejected(string? type, string? version, string expectedError)
    {
        var headers = new Dictionary<string, object?>();
        if (type is not null)
        {
            headers["type"] = Encoding.UTF8.GetBytes(type);
        }
        if (version is not null)
        {
            headers["rpc_version"] = Encoding.UTF8.GetBytes(version);
        }

        Assert.False(RpcMessageHeaders.TryParse(headers, out var parsed, out var error));
        Assert.Null(parsed);
        Assert.Equal(expectedError, error);
    }

    [Fact]
    public void Malformed_request_id_and_traceparent_are_replaced_not_trusted()
    {
        var headers = AsDelivered(new Dictionary<string, object?>
        {
            ["type"] = "controlplane.rpc.v1.BuildInstance",
            ["rpc_version"] = "1.0",
            ["request_id"] = "req-<script>",
            ["traceparent"] = "garbage",
        });

        Assert.True(RpcMessageHeaders.TryParse(headers, out var parsed, out _));
        Assert.NotEqual("req-<script>", parsed!.RequestId);
        Assert.StartsWith("req-", parsed.RequestId);
        Assert.Null(parsed.TraceParent);
    }

    [Fact]
    public void Oversized_header_values_are_ignored()
    {
        var headers = new Dictionary<string, object?> { ["type"] = Encoding.UTF8.GetBytes(new string('a', 10_000)) };

        Assert.Null(RpcMessageHeaders.ReadString(headers, "type"));
        Assert.False(RpcMessageHeaders.TryParse(headers, out _, out _));
    }

    [Fact]
    public void Integer_headers_are_read_whatever_their_wire_width()
    {
        var headers = new Dictionary<string, object?> { ["a"] = 3, ["b"] = 4L, ["c"] = (short)5, ["d"] = (byte)6, ["e"] = "7" };

        Assert.Equal([3, 4, 5, 6, null], new[] { "a", "b", "c", "d", "e" }.Select(k => RpcMessageHeaders.ReadInt(headers, k)));
    }
}
