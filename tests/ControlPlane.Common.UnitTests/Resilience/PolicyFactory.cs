using ControlPlane.Data.Resilience;
using ControlPlane.Hosting.Resilience;
using ControlPlane.Messaging.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ControlPlane.Common.UnitTests.Resilience;

/// <summary>The policy as the services build it (Npgsql and RabbitMQ classifiers) on a given clock.</summary>
internal static class PolicyFactory
{
    public static TransientFaultPolicy Create(TimeProvider clock, Action<TransientFaultOptions>? configure = null)
    {
        var options = new TransientFaultOptions();
        configure?.Invoke(options);
        var provider = new ServiceCollection().BuildServiceProvider();
        ITransientFaultClassifier[] classifiers =
        [
            new NpgsqlTransientFaultClassifier(provider, NullLogger<NpgsqlTransientFaultClassifier>.Instance),
            new RabbitTransientFaultClassifier(),
        ];
        return new TransientFaultPolicy(classifiers, Microsoft.Extensions.Options.Options.Create(options), clock, NullLogger<TransientFaultPolicy>.Instance);
    }
}
