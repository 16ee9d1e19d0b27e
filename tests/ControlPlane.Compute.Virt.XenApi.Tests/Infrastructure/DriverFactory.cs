using ControlPlane.Compute.Virt.XenApi.Options;
using Microsoft.Extensions.Logging.Abstractions;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Infrastructure;

/// <summary>Builds a <see cref="XenApiDriver"/> pointed at a simulator, with a private staging directory.</summary>
internal static class DriverFactory
{
    public static XenApiDriverOptions Options(SimHost sim, Action<XenApiDriverOptions>? configure = null)
    {
        var options = new XenApiDriverOptions
        {
            Url = sim.Url,
            Username = "root",
            Password = SimHost.Password,
            StagingDirectory = Path.Combine(sim.DataDirectory, "staging"),
            CleanShutdownTimeout = TimeSpan.FromSeconds(5),
            TaskPollInterval = TimeSpan.FromMilliseconds(20),
        };
        configure?.Invoke(options);
        return options;
    }

    public static XenApiDriver Create(SimHost sim, Action<XenApiDriverOptions>? configure = null) =>
        new(Microsoft.Extensions.Options.Options.Create(Options(sim, configure)), TimeProvider.System, NullLogger<XenApiDriver>.Instance);
}
