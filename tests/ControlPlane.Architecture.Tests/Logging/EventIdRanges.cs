namespace ControlPlane.Architecture.Tests.Logging;

/// <summary>The log EventId range of each assembly, as docs/logging.md lists them.</summary>
public static class EventIdRanges
{
    /// <summary>Assembly name to its inclusive EventId range.</summary>
    public static readonly IReadOnlyDictionary<string, (int First, int Last)> ByAssembly = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        ["ControlPlane.Hosting"] = (100, 199),
        ["ControlPlane.Messaging"] = (200, 299),
        ["ControlPlane.Data"] = (300, 399),
        ["ControlPlane.Domain"] = (400, 499),
        ["ControlPlane.Hosting.Grpc"] = (500, 599),
        ["ControlPlane.Api"] = (1000, 1999),
        ["ControlPlane.Scheduler"] = (2000, 2999),
        ["ControlPlane.Scheduler.Grains"] = (2000, 2999),
        ["ControlPlane.Compute"] = (3000, 3999),
        ["ControlPlane.Compute.Virt"] = (3000, 3999),
        ["ControlPlane.Compute.Virt.XenApi"] = (3000, 3999),
        ["ControlPlane.XenApi"] = (4000, 4999),
        ["ControlPlane.Vhd"] = (4000, 4999),
        ["ControlPlane.ImageStore"] = (5000, 5999),
        ["ControlPlane.ConsoleAuth"] = (7000, 7999),
        ["ControlPlane.ConsoleProxy"] = (7000, 7999),
        ["XapiSim"] = (8400, 8499),
    };
}
