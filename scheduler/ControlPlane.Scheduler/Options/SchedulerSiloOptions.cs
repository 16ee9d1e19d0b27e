namespace ControlPlane.Scheduler.Options;

/// <summary>
/// Orleans silo of a scheduler replica (configuration section <c>Orleans</c>). Every replica joins
/// the cluster <see cref="ClusterId"/> through the Redis of <c>ConnectionStrings:redis</c>; replicas
/// on one machine need distinct ports.
/// </summary>
public sealed class SchedulerSiloOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Orleans";

    /// <summary>Silo-to-silo TCP port on 127.0.0.1. Default <c>11111</c>. Range 1-65535, distinct from <see cref="GatewayPort"/>.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway TCP port on 127.0.0.1. Default <c>30000</c>. Range 1-65535.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Orleans cluster id: replicas with the same id form one cluster. Default <c>controlplane</c>.</summary>
    public string ClusterId { get; set; } = "controlplane";

    /// <summary>Orleans service id (stable across deployments). Default <c>scheduler</c>.</summary>
    public string ServiceId { get; set; } = "scheduler";
}
