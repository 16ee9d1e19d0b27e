using System.Net;
using System.Text.Json;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;
using ControlPlane.XenApi.Transport;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Tests.Sessions;

public sealed class XenApiSessionTests
{
    private static (HttpStatusCode, string, string) XmlOk(object? value) =>
        (HttpStatusCode.OK, XmlRpcWriter.SuccessResponse(value, XmlRpcScalarStyle.Untyped), "text/xml");

    private static (HttpStatusCode, string, string) XmlFail(params string[] description) =>
        (HttpStatusCode.OK, XmlRpcWriter.FailureResponse(description, XmlRpcScalarStyle.Untyped), "text/xml");

    private static XenApiSession Session(ScriptedHandler handler, XenApiProtocol protocol, string url = "http://xs1.test:8401") =>
        new(new XenApiConnectionOptions { Url = new Uri(url), Password = "pw", Protocol = protocol, TaskPollInterval = TimeSpan.FromMilliseconds(1) }, new HttpClient(handler));

    [Fact]
    public async Task Xml_rpc_login_sends_four_params_and_prepends_the_session_to_calls()
    {
        var handler = new ScriptedHandler(r =>
        {
            var (method, _) = XmlRpcReader.MethodCall(r.Body);
            return method == "session.login_with_password" ? XmlOk("OpaqueRef:s1") : XmlOk("Running");
        });
        var session = Session(handler, XenApiProtocol.XmlRpc);

        var state = await session.Vm.GetPowerStateAsync(new VmRef("OpaqueRef:vm"));

        Assert.Equal(Enums.VmPowerState.Running, state);
        var (_, loginArgs) = XmlRpcReader.MethodCall(handler.Requests[0].Body);
        Assert.Equal(["root", "pw", "1.1", "ControlPlane"], loginArgs.Select(WireConvert.ToStr));
        Assert.Equal("/", handler.Requests[0].Uri.AbsolutePath);
        var (_, callArgs) = XmlRpcReader.MethodCall(handler.Requests[1].Body);
        Assert.Equal(["OpaqueRef:s1", "OpaqueRef:vm"], callArgs.Select(WireConvert.ToStr));
    }

    [Fact]
    public async Task Session_invalid_triggers_one_relogin_and_retry()
    {
        var logins = 0;
        var handler = new ScriptedHandler(r =>
        {
            var (method, args) = XmlRpcReader.MethodCall(r.Body);
            if (method == "session.login_with_password")
            {
                return XmlOk($"OpaqueRef:s{++logins}");
            }

            return WireConvert.ToStr(args[0]) == "OpaqueRef:s1" ? XmlFail("SESSION_INVALID", "OpaqueRef:s1") : XmlOk("halted");
        });
        var session = Session(handler, XenApiProtocol.XmlRpc);
        await session.LoginAsync();

        var state = await session.Vm.GetPowerStateAsync(new VmRef("OpaqueRef:vm"));

        Assert.Equal(Enums.VmPowerState.Halted, state);
        Assert.Equal(2, logins);
        Assert.Equal("OpaqueRef:s2", session.SessionRef?.OpaqueRef);
    }

    [Fact]
    public async Task Host_is_slave_moves_the_session_to_the_coordinator()
    {
        var handler = new ScriptedHandler(r => r.Uri.Host == "xs2.test"
            ? XmlFail("HOST_IS_SLAVE", "xs1.test:8401")
            : XmlOk("OpaqueRef:master-session"));
        var session = Session(handler, XenApiProtocol.XmlRpc, "http://xs2.test:8402");

        await session.LoginAsync();

        Assert.Equal(new Uri("http://xs1.test:8401/"), session.Host);
        Assert.Equal("OpaqueRef:master-session", session.SessionRef?.OpaqueRef);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public void Coordinator_address_without_port_keeps_the_scheme_and_port()
    {
        Assert.Equal(new Uri("https://10.0.0.2/"), XenApiSession.CoordinatorUri(new Uri("https://10.0.0.9/"), "10.0.0.2"));
        Assert.Equal(new Uri("http://10.0.0.2:8401/"), XenApiSession.CoordinatorUri(new Uri("http://10.0.0.9:8401/"), "10.0.0.2"));
    }

    [Fact]
    public async Task Authentication_failure_is_a_typed_failure()
    {
        var handler = new ScriptedHandler(_ => XmlFail("SESSION_AUTHENTICATION_FAILED", "root", "Authentication failure"));
        var session = Session(handler, XenApiProtocol.XmlRpc);

        var failure = await Assert.ThrowsAsync<XenApiFailure>(() => session.LoginAsync());

        Assert.Equal(XenApiErrorCodes.SessionAuthenticationFailed, failure.Code);
    }

    [Fact]
    public async Task Async_call_polls_the_task_and_parses_the_xml_fragment_result()
    {
        var polls = 0;
        var handler = new ScriptedHandler(r =>
        {
            using var doc = JsonDocument.Parse(r.Body);
            var method = doc.RootElement.GetProperty("method").GetString();
            object? result = method switch
            {
                "session.login_with_password" => "OpaqueRef:s",
                "Async.VDI.copy" => "OpaqueRef:task-1",
                "task.get_status" => ++polls < 3 ? "pending" : "success",
                "task.get_result" => "<value>OpaqueRef:new-vdi</value>",
                "task.destroy" => "",
                _ => throw new InvalidOperationException(method),
            };
            return (HttpStatusCode.OK, JsonSerializer.Serialize(new { jsonrpc = "2.0", result, id = 1 }), "application/json");
        });
        var session = Session(handler, XenApiProtocol.JsonRpc);

        var task = await session.Vdi.BeginCopyAsync(new VdiRef("OpaqueRef:v"), new SrRef("OpaqueRef:sr"));
        var result = await session.Task.WaitAsync(task);

        Assert.Equal("OpaqueRef:task-1", task.OpaqueRef);
        Assert.Equal("OpaqueRef:new-vdi", WireConvert.ToRef<VdiRef>(result).OpaqueRef);
        Assert.Equal(3, polls);
        Assert.All(handler.Requests, r => Assert.Equal("/jsonrpc", r.Uri.AbsolutePath));
    }

    [Fact]
    public async Task Failed_task_raises_its_error_info()
    {
        var handler = new ScriptedHandler(r =>
        {
            using var doc = JsonDocument.Parse(r.Body);
            var method = doc.RootElement.GetProperty("method").GetString();
            object? result = method switch
            {
                "session.login_with_password" => "OpaqueRef:s",
                "Async.VM.clean_shutdown" => "OpaqueRef:t",
                "task.get_status" => "failure",
                "task.get_error_info" => new[] { "VM_BAD_POWER_STATE", "OpaqueRef:vm", "running", "halted" },
                "task.destroy" => "",
                _ => throw new InvalidOperationException(method),
            };
            return (HttpStatusCode.OK, JsonSerializer.Serialize(new { result, error = (object?)null, id = 1 }), "application/json");
        });
        var session = Session(handler, XenApiProtocol.JsonRpc);

        var failure = await Assert.ThrowsAsync<XenApiFailure>(() => session.CallViaTaskAsync("VM.clean_shutdown", ["OpaqueRef:vm"]));

        Assert.Equal(XenApiErrorCodes.VmBadPowerState, failure.Code);
        Assert.Equal(["OpaqueRef:vm", "running", "halted"], failure.Parameters);
        Assert.Contains(handler.Requests, r => r.Body.Contains("task.destroy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Http_errors_are_protocol_errors_not_failures()
    {
        var handler = new ScriptedHandler(_ => (HttpStatusCode.InternalServerError, "<html>Xmlrpc.Parse_error</html>", "text/html"));
        var session = Session(handler, XenApiProtocol.XmlRpc);

        await Assert.ThrowsAsync<XenApiProtocolException>(() => session.LoginAsync());
    }
}
