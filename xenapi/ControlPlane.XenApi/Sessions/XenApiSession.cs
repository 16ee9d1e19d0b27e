using ControlPlane.XenApi.Api;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Http;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Transport;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Sessions;

/// <summary>
/// A logged-in XenAPI session. Every call carries the session ref as first param; a
/// <c>SESSION_INVALID</c> answer triggers one transparent re-login and retry (as XenAPI.py does);
/// a <c>HOST_IS_SLAVE</c> answer at login moves the session to the coordinator's address.
/// </summary>
public sealed class XenApiSession : IAsyncDisposable
{
    private readonly XenApiConnectionOptions options;
    private readonly IXenApiTransport transport;
    private readonly SemaphoreSlim loginLock = new(1, 1);
    private string? sessionRef;

    public XenApiSession(XenApiConnectionOptions options, HttpClient http, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options.Url, nameof(options.Url));
        this.options = options;
        Host = options.Url;
        Http = http;
        TimeProvider = timeProvider ?? TimeProvider.System;
        transport = options.Protocol == XenApiProtocol.XmlRpc
            ? new XmlRpcTransport(http)
            : new JsonRpcTransport(http, options.JsonRpcVersion);
        Vm = new VmApi(this);
        Vdi = new VdiApi(this);
        Vbd = new VbdApi(this);
        Sr = new SrApi(this);
        Pbd = new PbdApi(this);
        HostApi = new HostApi(this);
        HostMetrics = new HostMetricsApi(this);
        Pool = new PoolApi(this);
        Task = new TaskApi(this);
        Console = new ConsoleApi(this);
        Transfers = new VdiTransferClient(this);
    }

    /// <summary>The host the session talks to (changes after a <c>HOST_IS_SLAVE</c> redirect).</summary>
    public Uri Host { get; private set; }

    /// <summary>The current session ref, or null before login.</summary>
    public SessionRef? SessionRef => sessionRef is null ? null : new SessionRef(sessionRef);

    internal HttpClient Http { get; }

    internal TimeProvider TimeProvider { get; }

    internal TimeSpan TaskPollInterval => options.TaskPollInterval;

    public VmApi Vm { get; }

    public VdiApi Vdi { get; }

    public VbdApi Vbd { get; }

    public SrApi Sr { get; }

    public PbdApi Pbd { get; }

    public HostApi HostApi { get; }

    public HostMetricsApi HostMetrics { get; }

    public PoolApi Pool { get; }

    public TaskApi Task { get; }

    public ConsoleApi Console { get; }

    /// <summary>The raw HTTP handlers (<c>export_raw_vdi</c>, <c>import_raw_vdi</c>).</summary>
    public VdiTransferClient Transfers { get; }

    /// <summary><c>session.login_with_password(uname, pwd, version, originator)</c>, following <c>HOST_IS_SLAVE</c>.</summary>
    public async Task LoginAsync(CancellationToken cancellationToken = default)
    {
        await loginLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await LoginLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            loginLock.Release();
        }
    }

    /// <summary><c>session.logout(session)</c>. A session that is already invalid counts as logged out.</summary>
    public async Task LogoutAsync(CancellationToken cancellationToken = default)
    {
        var current = Interlocked.Exchange(ref sessionRef, null);
        if (current is null)
        {
            return;
        }

        try
        {
            await transport.InvokeAsync(Host, "session.logout", [current], cancellationToken).ConfigureAwait(false);
        }
        catch (XenApiFailure f) when (f.Code == XenApiErrorCodes.SessionInvalid)
        {
            // Already gone on the server: nothing left to log out.
            return;
        }
    }

    /// <summary>Calls <paramref name="method"/> with the session ref prepended to <paramref name="args"/>.</summary>
    public async Task<object?> CallAsync(string method, IReadOnlyList<object?> args, CancellationToken cancellationToken = default)
    {
        var used = sessionRef ?? await EnsureLoggedInAsync(null, cancellationToken).ConfigureAwait(false);
        try
        {
            return await transport.InvokeAsync(Host, method, [used, .. args], cancellationToken).ConfigureAwait(false);
        }
        catch (XenApiFailure f) when (f.Code == XenApiErrorCodes.SessionInvalid)
        {
            var fresh = await EnsureLoggedInAsync(used, cancellationToken).ConfigureAwait(false);
            return await transport.InvokeAsync(Host, method, [fresh, .. args], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Calls <c>Async.&lt;method&gt;</c> and returns the task at once.</summary>
    public async Task<TaskRef> CallAsyncTaskAsync(string method, IReadOnlyList<object?> args, CancellationToken cancellationToken = default) =>
        WireConvert.ToRef<TaskRef>(await CallAsync("Async." + method, args, cancellationToken).ConfigureAwait(false));

    /// <summary>Runs <c>Async.&lt;method&gt;</c>, waits for the task, destroys it and returns the decoded result.</summary>
    public async Task<object?> CallViaTaskAsync(string method, IReadOnlyList<object?> args, CancellationToken cancellationToken = default)
    {
        var task = await CallAsyncTaskAsync(method, args, cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.WaitAsync(task, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await Task.DestroyAsync(task, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await LogoutAsync().ConfigureAwait(false);
        }
        catch (XenApiProtocolException)
        {
            // The host is unreachable: the session dies with it.
            sessionRef = null;
        }
        finally
        {
            loginLock.Dispose();
        }
    }

    private async Task<string> EnsureLoggedInAsync(string? stale, CancellationToken cancellationToken)
    {
        await loginLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (sessionRef is { } current && current != stale)
            {
                return current;
            }

            return await LoginLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            loginLock.Release();
        }
    }

    private async Task<string> LoginLockedAsync(CancellationToken cancellationToken)
    {
        for (var redirects = 0; ; redirects++)
        {
            try
            {
                var result = await transport.InvokeAsync(
                    Host,
                    "session.login_with_password",
                    [options.Username, options.Password, options.ApiVersion, options.Originator],
                    cancellationToken).ConfigureAwait(false);
                sessionRef = WireConvert.ToStr(result);
                return sessionRef;
            }
            catch (XenApiFailure f) when (f.Code == XenApiErrorCodes.HostIsSlave && f.Parameters.Count > 0 && redirects < options.MaxCoordinatorRedirects)
            {
                Host = CoordinatorUri(Host, f.Parameters[0]);
            }
        }
    }

    /// <summary>The coordinator's URL: same scheme; the address may carry its own port (<c>host:port</c>).</summary>
    internal static Uri CoordinatorUri(Uri current, string address)
    {
        var builder = new UriBuilder(current) { Path = "/" };
        var colon = address.LastIndexOf(':');
        if (colon > 0 && !address.Contains(']', StringComparison.Ordinal) && address.Count(c => c == ':') == 1
            && int.TryParse(address.AsSpan(colon + 1), out var port))
        {
            builder.Host = address[..colon];
            builder.Port = port;
        }
        else
        {
            builder.Host = address;
        }

        return builder.Uri;
    }
}
