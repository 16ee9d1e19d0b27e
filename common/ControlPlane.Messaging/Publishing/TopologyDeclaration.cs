using RabbitMQ.Client;

namespace ControlPlane.Messaging.Publishing;

/// <summary>Broker objects a publish needs, declared once per process (again after an outage).</summary>
/// <param name="Key">Identity of the declaration (e.g. <c>topic:conductor</c>).</param>
/// <param name="DeclareAsync">Declares the exchanges, queues and bindings.</param>
internal sealed record TopologyDeclaration(string Key, Func<IChannel, CancellationToken, Task> DeclareAsync);
