using ControlPlane.Messaging.Consuming;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Consoles;

/// <summary>Registration of the console calls of the compute service.</summary>
public static class ConsoleServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ConsoleManager"/> and answers <c>get_vnc_console</c>, <c>validate_console_port</c> and <c>get_console_output</c> on the host's queue.</summary>
    public static RpcConsumerBuilder AddConsoles(this RpcConsumerBuilder consumer)
    {
        consumer.Services.AddSingleton<ConsoleManager>();
        return consumer
            .Reply<GetVncConsole, ConsoleConnectInfo, GetVncConsoleHandler>()
            .Reply<ValidateConsolePort, ConsolePortValidity, ValidateConsolePortHandler>()
            .Reply<GetConsoleOutput, ConsoleOutput, GetConsoleOutputHandler>();
    }
}
