using ControlPlane.XenApi.Transport;

namespace ControlPlane.Compute.Virt.XenApi.Options;

/// <summary>
/// Options of the XenAPI driver (section <c>XenApi</c>). The driver reaches the hypervisor by URL and
/// credentials only: it needs no dom0 plugin and no access to the SR's files.
/// </summary>
public sealed class XenApiDriverOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "XenApi";

    /// <summary>XAPI URL of the host (or pool coordinator), e.g. <c>https://xs1.example</c>. Required.</summary>
    public Uri? Url { get; set; }

    /// <summary>User for <c>session.login_with_password</c>. Default <c>root</c>.</summary>
    public string Username { get; set; } = "root";

    /// <summary>
    /// Address of the XenServer host that the console proxy connects to for consoles (Nova's
    /// <c>[vnc] server_proxyclient_address</c>); the port is the one of <see cref="Url"/>. Default empty: the host of <see cref="Url"/>.
    /// </summary>
    public string ConsoleProxyClientAddress { get; set; } = "";

    /// <summary>Password. Required; never logged.</summary>
    public string Password { get; set; } = "";

    /// <summary>Wire protocol. Default JSON-RPC (XenServer 7.0+); <c>XmlRpc</c> works with every XAPI.</summary>
    public XenApiProtocol Protocol { get; set; } = XenApiProtocol.JsonRpc;

    /// <summary>Name-label of the SR that holds images and instance disks. Default empty: the pool's default SR.</summary>
    public string SrNameLabel { get; set; } = "";

    /// <summary>How long a soft reboot may take before it becomes a hard one. Default 60 s.</summary>
    public TimeSpan CleanShutdownTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Keep one imported VDI per image id and give instances copy-on-write clones of it. Default true.</summary>
    public bool ImageCacheEnabled { get; set; } = true;

    /// <summary>
    /// Bound on the VHD chain depth of a cached image VDI and so of every root disk cloned from it. Each
    /// <c>VDI.clone</c> of the cached leaf inserts one base copy under it (FileSR's double snapshot) and the SR's GC
    /// cannot coalesce a base copy that still has two children, so the chain grows by one per spawn until the SR
    /// refuses with <c>SR_BACKEND_FAILURE_109</c> at depth 30. Before a clone that would pass this bound the driver
    /// replaces the cached VDI by a flat <c>VDI.copy</c> of it (depth 1) and retires the old one. Default 8; 2..16
    /// (leaves room under the SR's limit for the instance's own snapshots).
    /// </summary>
    public int ImageCacheMaxChainDepth { get; set; } = 8;

    /// <summary>
    /// Local directory where image archives are unpacked before their chain is checked and streamed to XAPI.
    /// Default: <c>&lt;temp&gt;/controlplane-xenapi-staging</c>. It needs free space for the largest image.
    /// </summary>
    public string StagingDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "controlplane-xenapi-staging");

    /// <summary>Largest single VHD accepted inside an image archive, bytes. Default 64 GiB.</summary>
    public long MaxImageMemberBytes { get; set; } = 64L << 30;

    /// <summary>Largest total of all VHDs in one image archive, bytes. Default 128 GiB.</summary>
    public long MaxImageTotalBytes { get; set; } = 128L << 30;

    /// <summary>Timeout of one HTTP exchange with XAPI (a whole image upload included). Default 30 min.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Snapshot: how long to wait between two checks (SR.scan, then the root disk's <c>vhd-parent</c>) for the SR's
    /// garbage collector to coalesce the base copy a snapshot left (Nova's <c>vhd_coalesce_poll_interval</c>).
    /// Default 5 s; (0, 10 min].
    /// </summary>
    public TimeSpan VhdCoalescePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Snapshot: how many checks before giving up with "VHD coalesce attempts exceeded" (Nova's
    /// <c>vhd_coalesce_max_attempts</c>). Default 20 (about 100 s with the default interval); 1..1000.
    /// </summary>
    public int VhdCoalesceMaxAttempts { get; set; } = 20;

    /// <summary>How often <c>Async.</c> tasks are polled. Default 200 ms.</summary>
    public TimeSpan TaskPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}
