using System.Net;
using System.Text;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Transport;
using ControlPlane.XenApi.Wire;
using XapiSim.Tests.Infrastructure;

namespace XapiSim.Tests;

public sealed class SessionAndWireTests
{
    [Theory]
    [InlineData(XenApiProtocol.XmlRpc, JsonRpcVersion.V1)]
    [InlineData(XenApiProtocol.JsonRpc, JsonRpcVersion.V1)]
    [InlineData(XenApiProtocol.JsonRpc, JsonRpcVersion.V2)]
    public async Task Login_and_host_records_work_over_every_transport(XenApiProtocol protocol, JsonRpcVersion version)
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession(protocol, version);

        var hosts = await session.HostApi.GetAllRecordsAsync();
        var (hostRef, host) = Assert.Single(hosts);
        var metrics = await session.HostMetrics.GetRecordAsync(host.Metrics);
        var pool = Assert.Single(await session.Pool.GetAllRecordsAsync()).Value;
        var sr = await session.Sr.GetRecordAsync(pool.DefaultSr);
        var pbd = await session.Pbd.GetRecordAsync(Assert.Single(sr.Pbds));

        Assert.Equal("xs-test", host.NameLabel);
        Assert.Equal(2, host.ApiVersionMajor);
        Assert.Equal(64L << 30, metrics.MemoryTotal);
        Assert.True(metrics.MemoryFree < metrics.MemoryTotal);
        Assert.Equal(hostRef, pool.Master);
        Assert.Equal("Local storage", sr.NameLabel);
        Assert.Equal("ext", sr.Type);
        Assert.Equal(4L << 30, sr.PhysicalSize);
        Assert.Equal(sim.SrDirectory, pbd.DeviceConfig["path"]);
        Assert.Equal(hostRef, await session.HostApi.GetThisHostAsync());
        var dom0 = Assert.Single(await session.Vm.GetAllRecordsWhereAsync($"field \"domid\"=\"0\" and field \"resident_on\"=\"{hostRef.OpaqueRef}\""));
        Assert.True(dom0.Value.IsControlDomain);
    }

    [Fact]
    public async Task Wrong_password_is_session_authentication_failed()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession(password: "nope");

        var failure = await Assert.ThrowsAsync<XenApiFailure>(() => session.LoginAsync());

        Assert.Equal(XenApiErrorCodes.SessionAuthenticationFailed, failure.Code);
        Assert.Equal("root", failure.Parameters[0]);
    }

    [Fact]
    public async Task Pool_member_answers_host_is_slave_and_the_client_follows_to_the_master()
    {
        await using var master = await SimHost.StartAsync();
        await using var member = await SimHost.StartAsync(new Dictionary<string, string?> { ["Sim:PoolMasterAddress"] = master.Url.Authority });
        await using var session = member.NewSession();

        await session.LoginAsync();

        Assert.Equal(master.Url.Port, session.Host.Port);
        Assert.Single(await session.HostApi.GetAllAsync());
    }

    [Fact]
    public async Task Xml_rpc_answers_in_xapi_style_with_untyped_ints_and_status_struct()
    {
        await using var sim = await SimHost.StartAsync();
        var http = sim.Http();
        var login = XmlRpcWriter.MethodCall("session.login_with_password", ["root", SimHost.Password], XmlRpcScalarStyle.Typed);
        var sessionRef = WireConvert.ToStr(XmlRpcTransport.Unwrap("login", XmlRpcReader.MethodResponse(await PostXml(http, "/RPC2", login))));

        var body = await PostXml(http, "/", XmlRpcWriter.MethodCall("host.get_all_records", [sessionRef], XmlRpcScalarStyle.Typed));

        Assert.Contains("<member><name>Status</name><value>Success</value></member>", body);
        Assert.Contains("<member><name>API_version_major</name><value>2</value></member>", body);
        Assert.Contains("<member><name>enabled</name><value><boolean>1</boolean></value></member>", body);
        Assert.DoesNotContain("<string>", body);
        Assert.DoesNotContain("<i4>", body);
    }

    [Fact]
    public async Task Unknown_methods_bad_arity_and_bad_sessions_get_xapi_error_codes()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        await session.LoginAsync();

        var unknown = await Assert.ThrowsAsync<XenApiFailure>(() => session.CallAsync("VM.fly", []));
        var arity = await Assert.ThrowsAsync<XenApiFailure>(() => session.CallAsync("VM.start", ["OpaqueRef:x"]));
        var handle = await Assert.ThrowsAsync<XenApiFailure>(() => session.CallAsync("VM.get_record", ["OpaqueRef:missing"]));
        var alternative = await session.CallAsync("VM_get_all", []);

        Assert.Equal(XenApiErrorCodes.MessageMethodUnknown, unknown.Code);
        Assert.Equal([XenApiErrorCodes.MessageParameterCountMismatch, "VM.start", "4", "2"], arity.ErrorDescription);
        Assert.Equal(["VM", "OpaqueRef:missing"], handle.Parameters);
        Assert.NotEmpty(WireConvert.ToList(alternative));
    }

    [Fact]
    public async Task Logged_out_session_is_renewed_transparently()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        await session.LoginAsync();
        var first = session.SessionRef;
        // Kill our own session from the server side, then call: SESSION_INVALID → re-login → retry.
        var http = sim.Http();
        await PostJson(http, $"{{\"method\":\"session.logout\",\"params\":[\"{first!.Value.OpaqueRef}\"],\"id\":1}}");
        var hosts = await session.HostApi.GetAllAsync();

        Assert.Single(hosts);
        Assert.NotEqual(first, session.SessionRef);
    }

    [Fact]
    public async Task Malformed_requests_get_http_500_with_html()
    {
        await using var sim = await SimHost.StartAsync();
        var http = sim.Http();

        using var badXml = await http.PostAsync("/", new StringContent("<methodCall><oops", Encoding.UTF8, "text/xml"));
        using var noId = await http.PostAsync("/jsonrpc", new StringContent("{\"method\":\"VM.get_all\",\"params\":[]}", Encoding.UTF8, "application/json"));
        using var nullId = await http.PostAsync("/jsonrpc", new StringContent("{\"method\":\"VM.get_all\",\"params\":[],\"id\":null}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.InternalServerError, badXml.StatusCode);
        Assert.Equal("text/html", badXml.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.InternalServerError, noId.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, nullId.StatusCode);
    }

    [Fact]
    public async Task Json_v1_and_v2_failures_have_their_own_shapes()
    {
        await using var sim = await SimHost.StartAsync();
        var http = sim.Http();

        var v1 = await PostJson(http, "{\"method\":\"session.login_with_password\",\"params\":[\"root\",\"bad\"],\"id\":1}");
        var v2 = await PostJson(http, "{\"jsonrpc\":\"2.0\",\"method\":\"session.login_with_password\",\"params\":[\"root\",\"bad\"],\"id\":\"a\"}");

        Assert.Equal("{\"result\":null,\"error\":[\"SESSION_AUTHENTICATION_FAILED\",\"root\",\"Authentication failure\"],\"id\":1}", v1);
        Assert.Equal("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":1,\"message\":\"SESSION_AUTHENTICATION_FAILED\",\"data\":[\"root\",\"Authentication failure\"]},\"id\":\"a\"}", v2);
    }

    private static async Task<string> PostXml(HttpClient http, string path, string body)
    {
        using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "text/xml"));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<string> PostJson(HttpClient http, string body)
    {
        using var response = await http.PostAsync("/jsonrpc", new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
