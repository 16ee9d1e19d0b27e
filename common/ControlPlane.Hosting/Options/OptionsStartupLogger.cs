using ControlPlane.Hosting.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Hosting.Options;

/// <summary>At start, logs the effective value of every options type registered with <c>AddValidatedOptions</c>.</summary>
internal sealed class OptionsStartupLogger(IEnumerable<IOptionsDescription> descriptions, ILogger<OptionsStartupLogger> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var description in descriptions)
        {
            HostingLog.EffectiveOptions(logger, description.OptionsType, description.Section, description.Describe());
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
