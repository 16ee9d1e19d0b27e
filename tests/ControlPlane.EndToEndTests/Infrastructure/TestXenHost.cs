using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace ControlPlane.EndToEndTests.Infrastructure;

/// <summary>
/// A XenServer host of a test's own: a XapiSim process (own port, data directory and password) and a compute with the
/// XenApi driver on it, both started from the stack's build output and registered with the running stack. Its CPUs
/// fit <see cref="WideFlavor"/> and its memory is small, so only servers of that flavor come here. The test can kill
/// and restart the compute without touching the processes deploy/up owns.
/// </summary>
public sealed class TestXenHost : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);
    private readonly StackEnvironment stack;
    private readonly string[] computeArgs;
    private readonly ServiceProcess simulator;
    private ServiceProcess? compute;

    private TestXenHost(StackEnvironment stack, XenHost xen, string dataDirectory, ServiceProcess simulator, string[] computeArgs)
    {
        this.stack = stack;
        this.simulator = simulator;
        this.computeArgs = computeArgs;
        Xen = xen;
        DataDirectory = dataDirectory;
        Admin = new XapiSimAdmin(xen.Url);
    }

    /// <summary>The compute host name (also the XapiSim host's name-label).</summary>
    public string Name => Xen.Name;

    public XenHost Xen { get; }

    public XapiSimAdmin Admin { get; }

    public string DataDirectory { get; }

    /// <summary>Starts the simulator, then the compute with <paramref name="computeArgs"/> added, and waits for its first report.</summary>
    public static async Task<TestXenHost> StartAsync(StackEnvironment stack, string prefix, params string[] computeArgs)
    {
        var name = prefix + "-" + Guid.NewGuid().ToString("N")[..6];
        var port = FreePort();
        var xen = new XenHost(name, new Uri($"http://127.0.0.1:{port}"), "root", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        var dataDirectory = Path.Combine(stack.RunDirectory, "e2e-xen", name);
        var simulator = ServiceProcess.Start(stack, "XapiSim", name + "-xapisim", new Dictionary<string, string> { ["Sim__Password"] = xen.Password },
            "--urls", $"http://127.0.0.1:{port}", "--Sim:HostName=" + name, "--Sim:DataDirectory=" + dataDirectory,
            $"--Sim:Address=127.0.0.1:{port}", "--Sim:HostMemory=" + (16L << 30), "--Sim:CpuCount=64", "--Sim:Gc:QuietPeriod=00:00:01");
        var host = new TestXenHost(stack, xen, dataDirectory, simulator, computeArgs);
        try
        {
            await host.WaitForSimulatorAsync();
            await host.StartComputeAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL of the compute (a crashed host: no shutdown hooks run).</summary>
    public void KillCompute() => compute?.KillHard();

    /// <summary>Starts the compute again (same host name and options) and waits for its first report.</summary>
    public async Task RestartComputeAsync()
    {
        compute?.Dispose();
        await StartComputeAsync();
    }

    private async Task StartComputeAsync()
    {
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        compute = ServiceProcess.Start(stack, "ControlPlane.Compute", Name,
            new Dictionary<string, string>
            {
                ["XenApi__Password"] = Xen.Password,
                ["Compute__ServiceUsername"] = "admin",
                ["Compute__ServicePassword"] = Environment.GetEnvironmentVariable("CP_ADMIN_PASSWORD") is { Length: > 0 } p ? p : "secret",
            },
            ["--urls", "http://127.0.0.1:0", "--Compute:Host=" + Name, "--Compute:Driver=XenApi", "--XenApi:Url=" + Xen.Url,
             "--XenApi:Username=" + Xen.Username, "--XenApi:StagingDirectory=" + Path.Combine(DataDirectory, "staging"), .. computeArgs]);
        var db = new Database(stack);
        await Eventually.UntilAsync(async () =>
        {
            if (compute.HasExited)
            {
                throw new InvalidOperationException($"compute {Name} exited before its first report (log {compute.LogFile}).");
            }
            return await db.ScalarAsync<long>("""
                SELECT count(*) FROM services s JOIN compute_nodes c ON c.host = s.host
                WHERE s.host = @h AND c.hypervisor_type = 'xen' AND s.last_seen_at >= @t
                """, ("h", Name), ("t", started)) > 0;
        }, $"compute {Name} to report (log {compute.LogFile})", StartDeadline, Poll.Interval);
    }

    private async Task WaitForSimulatorAsync()
    {
        using var http = new HttpClient { BaseAddress = Xen.Url, Timeout = TimeSpan.FromSeconds(2) };
        // Observes the last error (null once /healthz answers), so a timeout names why the simulator is not up.
        await Eventually.UntilAsync<string?>(async () =>
        {
            if (simulator.HasExited)
            {
                throw new InvalidOperationException($"XapiSim {Name} exited at start (log {simulator.LogFile}).");
            }
            try
            {
                using var response = await http.GetAsync("/healthz");
                return response.IsSuccessStatusCode ? null : "HTTP " + (int)response.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return e.Message;
            }
        }, error => error is null, $"XapiSim {Name} to answer /healthz (log {simulator.LogFile})", StartDeadline, Poll.Interval);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        compute?.Dispose();
        simulator.Dispose();
        Admin.Dispose();
        // The host is gone for good: disabled (as an operator would), the scheduler stops offering it at once instead
        // of for service_down_time, during which the next test's wide server would be cast to a dead host.
        await new Database(stack).ScalarAsync<object>(
            "UPDATE services SET disabled = true, disabled_reason = 'e2e test host stopped', updated_at = now() WHERE host = @h",
            ("h", Name));
        // Both processes have exited (KillHard waits): nothing holds the host's files any more.
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
