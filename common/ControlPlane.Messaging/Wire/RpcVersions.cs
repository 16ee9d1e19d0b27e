using ControlPlane.Messaging.Abstractions;
using ControlPlane.Messaging.Clients;

namespace ControlPlane.Messaging.Wire;

/// <summary>
/// The RPC API version sent in <c>rpc_version</c>, chosen by destination: the version of the client
/// class that owns the topic (<see cref="ConductorRpcClient.Version"/> for <c>conductor</c>,
/// <see cref="ComputeRpcClient.Version"/> for <c>compute.*</c>), <see cref="Default"/> otherwise.
/// </summary>
public static class RpcVersions
{
    /// <summary>Version of topics without a versioned client class.</summary>
    public const string Default = "1.0";

    /// <summary>The version to send to <paramref name="topic"/>.</summary>
    public static string ForTopic(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (topic == Topics.Conductor)
        {
            return ConductorRpcClient.Version;
        }
        return topic.StartsWith(Topics.Compute(string.Empty), StringComparison.Ordinal) ? ComputeRpcClient.Version : Default;
    }
}
