using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Messaging.Wire;

/// <summary>
/// The error envelope a call handler's failure is replied with: the exception kind (class name of a
/// <see cref="ControlPlaneException"/>, or <see cref="InternalKind"/>) and its message. The caller
/// rethrows it as the same exception class, so a remote <c>NotFoundException</c> is a local one.
/// </summary>
/// <param name="Kind">Exception class name, e.g. <c>NotFoundException</c>.</param>
/// <param name="Message">The exception's message (user-facing for ControlPlane exceptions).</param>
public sealed record RpcError(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("message")] string Message)
{
    /// <summary>Content type of an error reply body.</summary>
    public const string ContentType = "application/vnd.controlplane.rpc-error+json";

    /// <summary>Kind of an unexpected (non-ControlPlane) failure; rethrown as <see cref="RpcRemoteException"/>.</summary>
    public const string InternalKind = "InternalError";

    private const int MaxBodyBytes = 64 * 1024;

    private static readonly FrozenDictionary<string, Type> Kinds = typeof(ControlPlaneException).Assembly
        .GetTypes()
        .Concat(typeof(RpcError).Assembly.GetTypes())
        .Where(t => t is { IsAbstract: false, IsPublic: true } && typeof(ControlPlaneException).IsAssignableFrom(t))
        .ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>The envelope for <paramref name="exception"/>.</summary>
    public static RpcError FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is ControlPlaneException cp
            ? new RpcError(cp.GetType().Name, cp.Message)
            : new RpcError(InternalKind, $"{exception.GetType().Name}: {exception.Message}");
    }

    /// <summary>JSON bytes of the envelope.</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this);

    /// <summary>Parses an error reply body; a malformed one becomes an <see cref="InternalKind"/> error saying so.</summary>
    public static RpcError Parse(ReadOnlySpan<byte> body)
    {
        if (body.Length > MaxBodyBytes)
        {
            return new RpcError(InternalKind, $"Error reply of {body.Length} bytes exceeds {MaxBodyBytes} bytes.");
        }
        try
        {
            var parsed = JsonSerializer.Deserialize<RpcError>(body);
            return parsed is { Kind: not null, Message: not null } ? parsed : new RpcError(InternalKind, "Error reply without kind or message.");
        }
        catch (JsonException e)
        {
            return new RpcError(InternalKind, "Malformed error reply: " + e.Message);
        }
    }

    /// <summary>
    /// The exception to raise on the caller: the <see cref="ControlPlaneException"/> class named by
    /// <see cref="Kind"/> (or its nearest base class constructible from a message, e.g.
    /// <c>UnexpectedTaskStateException</c> becomes <c>ConflictException</c> with the same message),
    /// otherwise an <see cref="RpcRemoteException"/>.
    /// </summary>
    public Exception ToException()
    {
        if (Kinds.TryGetValue(Kind, out var type))
        {
            for (var t = type; t is not null && t != typeof(ControlPlaneException); t = t.BaseType)
            {
                var ctor = t.IsAbstract ? null : t.GetConstructor(BindingFlags.Public | BindingFlags.Instance, [typeof(string), typeof(Exception)]);
                if (ctor is not null)
                {
                    return (Exception)ctor.Invoke([Message, null]);
                }
            }
        }
        return new RpcRemoteException(Kind, Message);
    }
}
