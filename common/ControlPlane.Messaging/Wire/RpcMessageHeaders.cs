using System.Diagnostics;
using System.Text;
using ControlPlane.Domain.Context;
using Google.Protobuf;

namespace ControlPlane.Messaging.Wire;

/// <summary>
/// The AMQP headers carried by every RPC message: <c>type</c> (protobuf full name), <c>rpc_version</c>
/// (major.minor), <c>request_id</c> (<c>req-&lt;uuid&gt;</c>) and the W3C <c>traceparent</c>.
/// </summary>
/// <param name="MessageType">Protobuf full name of the payload, e.g. <c>controlplane.rpc.v1.BuildInstance</c>.</param>
/// <param name="RpcVersion">RPC API version of the sender's client class.</param>
/// <param name="RequestId">The request the message works for.</param>
/// <param name="TraceParent">W3C trace context of the sending span, when there is one.</param>
public sealed record RpcMessageHeaders(string MessageType, string RpcVersion, string RequestId, string? TraceParent)
{
    /// <summary>Header: protobuf full name of the payload.</summary>
    public const string TypeHeader = "type";

    /// <summary>Header: RPC API version (major.minor).</summary>
    public const string VersionHeader = "rpc_version";

    /// <summary>Header: request id.</summary>
    public const string RequestIdHeader = "request_id";

    /// <summary>Header: W3C trace context.</summary>
    public const string TraceParentHeader = "traceparent";

    /// <summary>Header on replies: <c>ok</c> (payload is the reply message) or <c>error</c> (payload is an <see cref="RpcError"/>).</summary>
    public const string StatusHeader = "rpc_status";

    /// <summary>Header counting redeliveries made by republishing (see <c>RpcOptions.MaxRedeliveries</c>).</summary>
    public const string RedeliveriesHeader = "x-cp-redeliveries";

    /// <summary>Content type of protobuf payloads.</summary>
    public const string ProtobufContentType = "application/x-protobuf";

    /// <summary>Longest header value accepted from the wire (hostile-input bound).</summary>
    public const int MaxValueLength = 512;

    /// <summary>Headers for an outgoing <paramref name="message"/>: the current request id (or a new one) and the trace context of <paramref name="activity"/> (or <see cref="Activity.Current"/>).</summary>
    public static RpcMessageHeaders ForOutgoing(IMessage message, string rpcVersion, Activity? activity = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var span = activity ?? Activity.Current;
        var traceParent = span is { IdFormat: ActivityIdFormat.W3C } ? span.Id : null;
        return new RpcMessageHeaders(message.Descriptor.FullName, rpcVersion, RequestContext.Current ?? RequestContext.NewId(), traceParent);
    }

    /// <summary>The AMQP header table (values are strings; the broker returns them as UTF-8 bytes).</summary>
    public Dictionary<string, object?> ToAmqp()
    {
        var headers = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [TypeHeader] = MessageType,
            [VersionHeader] = RpcVersion,
            [RequestIdHeader] = RequestId,
        };
        if (TraceParent is not null)
        {
            headers[TraceParentHeader] = TraceParent;
        }
        return headers;
    }

    /// <summary>
    /// Reads the headers of a delivered message. Fails (with <paramref name="error"/>) when <c>type</c> or
    /// <c>rpc_version</c> is missing or malformed; a missing or malformed <c>request_id</c> is replaced by a new one.
    /// </summary>
    public static bool TryParse(IDictionary<string, object?>? headers, out RpcMessageHeaders? result, out string? error)
    {
        result = null;
        var type = ReadString(headers, TypeHeader);
        if (string.IsNullOrEmpty(type) || !IsProtoName(type))
        {
            error = type is null ? "missing 'type' header" : "malformed 'type' header";
            return false;
        }
        var version = ReadString(headers, VersionHeader);
        if (string.IsNullOrEmpty(version) || !IsVersion(version))
        {
            error = version is null ? "missing 'rpc_version' header" : "malformed 'rpc_version' header";
            return false;
        }
        var requestId = ReadString(headers, RequestIdHeader);
        if (requestId is null || !IsRequestId(requestId))
        {
            requestId = RequestContext.NewId();
        }
        var traceParent = ReadString(headers, TraceParentHeader);
        if (traceParent is not null && !ActivityContext.TryParse(traceParent, null, out _))
        {
            traceParent = null;
        }
        result = new RpcMessageHeaders(type, version, requestId, traceParent);
        error = null;
        return true;
    }

    /// <summary>A header value as a string (AMQP long strings arrive as UTF-8 bytes), or <c>null</c> when absent or too long.</summary>
    public static string? ReadString(IDictionary<string, object?>? headers, string key)
    {
        if (headers is null || !headers.TryGetValue(key, out var value) || value is null)
        {
            return null;
        }
        var text = value switch
        {
            byte[] bytes when bytes.Length <= MaxValueLength * 4 => Encoding.UTF8.GetString(bytes),
            string s => s,
            ReadOnlyMemory<byte> m when m.Length <= MaxValueLength * 4 => Encoding.UTF8.GetString(m.Span),
            _ => null,
        };
        return text is null || text.Length > MaxValueLength ? null : text;
    }

    /// <summary>A header value as an integer (AMQP integers arrive as int, long, short or byte), or <c>null</c>.</summary>
    public static int? ReadInt(IDictionary<string, object?>? headers, string key)
    {
        if (headers is null || !headers.TryGetValue(key, out var value))
        {
            return null;
        }
        return value switch
        {
            int i => i,
            long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
            short s => s,
            byte b => b,
            _ => null,
        };
    }

    private static bool IsProtoName(string value) =>
        value.Length <= 256 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_');

    private static bool IsVersion(string value)
    {
        var dot = value.IndexOf('.');
        return dot > 0 && dot < value.Length - 1 && value.Length <= 16 &&
               value.AsSpan(0, dot).IndexOfAnyExceptInRange('0', '9') < 0 &&
               value.AsSpan(dot + 1).IndexOfAnyExceptInRange('0', '9') < 0;
    }

    private static bool IsRequestId(string value) =>
        value.Length == 40 && value.StartsWith("req-", StringComparison.Ordinal) && Guid.TryParseExact(value.AsSpan(4), "D", out _);
}
