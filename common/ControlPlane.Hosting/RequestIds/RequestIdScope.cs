using System.Collections;

namespace ControlPlane.Hosting.RequestIds;

/// <summary>Logging scope state carrying <c>RequestId</c> (rendered as a property by the JSON console formatter).</summary>
public sealed class RequestIdScope(string requestId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <summary>The scope property name.</summary>
    public const string Key = "RequestId";

    /// <summary>The request id.</summary>
    public string RequestId => requestId;

    /// <inheritdoc />
    public int Count => 1;

    /// <inheritdoc />
    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new(Key, requestId) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => $"RequestId:{requestId}";
}
