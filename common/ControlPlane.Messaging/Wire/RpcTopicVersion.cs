namespace ControlPlane.Messaging.Wire;

/// <summary>
/// The RPC API version of a topic, registered by the client project of the service that owns the topic (e.g.
/// <c>AddComputeRpcClient</c> registers <c>compute.</c> with <c>ComputeRpcClient.Version</c>). Senders put it in
/// <c>rpc_version</c>; a consumer that declares no version of its own checks against it.
/// </summary>
/// <param name="Topic">The topic (<c>conductor</c>), or a topic prefix ending in a dot (<c>compute.</c> for every
/// <c>compute.&lt;host&gt;</c>).</param>
/// <param name="Version">The version, <c>major.minor</c>.</param>
public sealed record RpcTopicVersion(string Topic, string Version)
{
    /// <summary>True when this entry names <paramref name="topic"/>.</summary>
    public bool Matches(string topic) =>
        Topic.EndsWith('.') ? topic.StartsWith(Topic, StringComparison.Ordinal) : topic == Topic;
}
