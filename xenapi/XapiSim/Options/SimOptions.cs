namespace XapiSim.Options;

/// <summary>Options of one simulated host (configuration section <c>Sim</c>, e.g. <c>--Sim:HostName=xs1</c>).
/// The listening port comes from ASP.NET's <c>--urls</c>.</summary>
public sealed class SimOptions
{
    public const string Section = "Sim";

    /// <summary>The host's name-label (also the pool's). Default <c>xapisim</c>.</summary>
    public string HostName { get; set; } = "xapisim";

    /// <summary>Directory holding <c>state.json</c> and the SR's <c>sr/&lt;uuid&gt;.vhd</c> files. Required; created if missing.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>User accepted by <c>session.login_with_password</c>. Default <c>root</c>.</summary>
    public string Username { get; set; } = "root";

    /// <summary>Password accepted by <c>session.login_with_password</c>. Default <c>xapisim</c>. Never logged.</summary>
    public string Password { get; set; } = "xapisim";

    /// <summary>The host's <c>address</c> field (may carry <c>:port</c>); console locations use it. Default <c>127.0.0.1</c>.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>When set, this host plays a pool member: every login answers <c>HOST_IS_SLAVE [PoolMasterAddress]</c>. Default unset.</summary>
    public string? PoolMasterAddress { get; set; }

    /// <summary>The SR's <c>physical_size</c> in bytes; writes beyond it fail with <c>SR_BACKEND_FAILURE_44</c>. Default 200 GiB.</summary>
    public long SrPhysicalSize { get; set; } = 200L << 30;

    /// <summary>Host <c>memory_total</c> in bytes. Default 64 GiB.</summary>
    public long HostMemory { get; set; } = 64L << 30;

    /// <summary>Memory held by the control domain (dom0) in bytes. Default 1 GiB.</summary>
    public long Dom0Memory { get; set; } = 1L << 30;

    /// <summary>Host CPU count (<c>cpu_info["cpu_count"]</c>). Default 16.</summary>
    public int CpuCount { get; set; } = 16;

    /// <summary>Largest XML-RPC/JSON-RPC request body accepted, in bytes. Default 8 MiB.</summary>
    public int MaxRequestBytes { get; set; } = 8 << 20;
}
