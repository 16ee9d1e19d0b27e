using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Transport;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Tests.Wire;

public sealed class XmlRpcReaderTests
{
    [Fact]
    public void Untyped_values_are_strings_until_the_schema_types_them()
    {
        var value = XmlRpcTransport.Unwrap("VM.get_record", XmlRpcReader.MethodResponse(Fixtures.VmRecordXml));

        var fields = Assert.IsType<Dictionary<string, object?>>(value);
        Assert.Equal("8589934592", fields["memory_static_max"]);
        var vm = VmRecord.FromWire(new WireRecord(fields));
        Assert.Equal(8589934592L, vm.MemoryStaticMax);
        Assert.Equal(2L, vm.VcpusMax);
        Assert.Equal(17L, vm.Domid);
        Assert.Equal(VmPowerState.Running, vm.PowerState);
        Assert.False(vm.IsATemplate);
        Assert.True(vm.Affinity.IsNull);
        Assert.Equal("OpaqueRef:host-1", vm.ResidentOn.OpaqueRef);
        Assert.Equal("", vm.NameDescription);
        Assert.Equal("4b8e0f0c-1111-4222-8333-444455556666", vm.OtherConfig["nova_uuid"]);
        Assert.Empty(vm.BlockedOperations);
        Assert.Equal(["OpaqueRef:vbd-1", "OpaqueRef:vbd-2"], vm.Vbds.Select(v => v.OpaqueRef));
        Assert.Empty(vm.Consoles);
    }

    [Fact]
    public void Failure_status_becomes_a_typed_failure_with_code_and_params()
    {
        var failure = Assert.Throws<XenApiFailure>(() => XmlRpcTransport.Unwrap("VM.start", XmlRpcReader.MethodResponse(Fixtures.BadPowerStateXml)));

        Assert.Equal(XenApiErrorCodes.VmBadPowerState, failure.Code);
        Assert.Equal(["OpaqueRef:vm-1", "halted", "running"], failure.Parameters);
    }

    [Fact]
    public void Typed_scalars_are_decoded()
    {
        const string xml = "<?xml version=\"1.0\"?><methodResponse><params><param><value><array><data>" +
            "<value><i4>-5</i4></value><value><int>7</int></value><value><i8>9223372036854775807</i8></value>" +
            "<value><boolean>1</boolean></value><value><double>0.25</double></value><value><string>a &amp; b</string></value>" +
            "<value><nil/></value><value></value>" +
            "</data></array></value></param></params></methodResponse>";

        var items = Assert.IsType<List<object?>>(XmlRpcReader.MethodResponse(xml));

        Assert.Equal([-5L, 7L, long.MaxValue, true, 0.25, "a & b", null, ""], items);
    }

    [Fact]
    public void A_missing_status_is_a_protocol_error()
    {
        const string xml = "<methodResponse><params><param><value><struct><member><name>Value</name><value>x</value></member></struct></value></param></params></methodResponse>";

        Assert.Throws<XenApiProtocolException>(() => XmlRpcTransport.Unwrap("m", XmlRpcReader.MethodResponse(xml)));
    }

    [Theory]
    [InlineData("<methodResponse><params><param><value><int>abc</int></value></param></params></methodResponse>")]
    [InlineData("<methodResponse><params>")]
    [InlineData("<!DOCTYPE x [<!ENTITY e \"boom\">]><methodResponse><params><param><value>&e;</value></param></params></methodResponse>")]
    [InlineData("<methodResponse><params><param><value><weird>1</weird></value></param></params></methodResponse>")]
    public void Malformed_or_hostile_xml_is_rejected_cleanly(string xml) =>
        Assert.Throws<XenApiProtocolException>(() => XmlRpcReader.MethodResponse(xml));

    [Fact]
    public void Task_result_fragment_parses_to_a_ref()
    {
        Assert.Equal("OpaqueRef:9f1e2d3c-0000-4000-8000-00000000abcd", XmlRpcReader.ValueFragment("<value>OpaqueRef:9f1e2d3c-0000-4000-8000-00000000abcd</value>"));
        Assert.Null(XmlRpcReader.ValueFragment(""));
        Assert.Equal(new List<object?> { "OpaqueRef:a", "OpaqueRef:b" }, XmlRpcReader.ValueFragment("<value><array><data><value>OpaqueRef:a</value><value>OpaqueRef:b</value></data></array></value>"));
    }

    [Fact]
    public void Method_call_round_trips_with_typed_ints_as_strings()
    {
        var xml = XmlRpcWriter.MethodCall("VDI.resize", ["OpaqueRef:s", "OpaqueRef:v", 10737418240L, true], XmlRpcScalarStyle.Typed);

        Assert.Contains("<value><string>10737418240</string></value>", xml);
        Assert.Contains("<boolean>1</boolean>", xml);
        var (method, args) = XmlRpcReader.MethodCall(xml);
        Assert.Equal("VDI.resize", method);
        Assert.Equal(10737418240L, WireConvert.ToLong(args[2]));
        Assert.Equal(true, args[3]);
    }

    [Fact]
    public void Writer_escapes_like_xapi_and_drops_control_characters()
    {
        var xml = XmlRpcWriter.ValueFragment("a<b>&\"c\u0001d\te", XmlRpcScalarStyle.Untyped);

        Assert.Equal("<value>a&lt;b&gt;&amp;&quot;cd\te</value>", xml);
    }
}
