namespace ControlPlane.Messaging.Wire;

/// <summary>
/// The RPC API version sent in <c>rpc_version</c>, chosen by destination from the registered
/// <see cref="RpcTopicVersion"/>s (each client project registers its own topic), <see cref="Default"/> for a topic
/// no client registered. Messaging itself knows no service's client.
/// </summary>
/// <param name="versions">The registered topic versions.</param>
public sealed class RpcVersions(IEnumerable<RpcTopicVersion> versions)
{
    /// <summary>Version of topics without a registered client.</summary>
    public const string Default = "1.0";

    private readonly RpcTopicVersion[] _versions = versions.ToArray();

    /// <summary>The version to send to <paramref name="topic"/>.</summary>
    public string ForTopic(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return Array.Find(_versions, v => v.Matches(topic))?.Version ?? Default;
    }
}
