using System.Text;
using System.Text.Json;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Tests.Wire;

public sealed class JsonRpcEnvelopeTests
{
    [Fact]
    public void V1_error_array_becomes_a_failure()
    {
        var failure = Assert.Throws<XenApiFailure>(() => JsonRpcEnvelope.Response(Encoding.UTF8.GetBytes(Fixtures.JsonV1Failure)));

        Assert.Equal(XenApiErrorCodes.HandleInvalid, failure.Code);
        Assert.Equal(["VM", "OpaqueRef:gone"], failure.Parameters);
    }

    [Fact]
    public void V2_error_object_becomes_a_failure_with_message_as_code_and_data_as_params()
    {
        var failure = Assert.Throws<XenApiFailure>(() => JsonRpcEnvelope.Response(Encoding.UTF8.GetBytes(Fixtures.JsonV2Failure)));

        Assert.Equal("SR_BACKEND_FAILURE_79", failure.Code);
        Assert.True(failure.IsSrBackendFailure);
        Assert.Equal(79, failure.SrBackendFailureNumber);
        Assert.Equal(["", "VDI Invalid size", ""], failure.Parameters);
    }

    [Fact]
    public void V1_success_with_null_error_returns_the_result() =>
        Assert.Equal("OpaqueRef:x", JsonRpcEnvelope.Response("{\"result\":\"OpaqueRef:x\",\"error\":null,\"id\":3}"u8));

    [Fact]
    public void V2_success_record_accepts_ints_as_numbers_or_strings()
    {
        var result = JsonRpcEnvelope.Response(Encoding.UTF8.GetBytes(Fixtures.JsonV2Success));

        var vdi = VdiRecord.FromWire(new WireRecord(WireConvert.ToStruct(result)));
        Assert.Equal(10737418240L, vdi.VirtualSize);
        Assert.Equal(4096L, vdi.PhysicalUtilisation);
        Assert.Equal("p-uuid", vdi.VhdParent);
        Assert.True(vdi.Managed);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"id\":1}")]
    public void Malformed_responses_are_protocol_errors(string body) =>
        Assert.Throws<XenApiProtocolException>(() => JsonRpcEnvelope.Response(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void Requests_use_positional_params_and_the_version_member_only_for_v2()
    {
        var v1 = JsonDocument.Parse(JsonRpcEnvelope.Request("VM.start", ["OpaqueRef:s", "OpaqueRef:v", false, 5L], 9, JsonRpcVersion.V1)).RootElement;
        var v2 = JsonDocument.Parse(JsonRpcEnvelope.Request("VM.start", [], 10, JsonRpcVersion.V2)).RootElement;

        Assert.False(v1.TryGetProperty("jsonrpc", out _));
        Assert.Equal(JsonValueKind.False, v1.GetProperty("params")[2].ValueKind);
        Assert.Equal(5, v1.GetProperty("params")[3].GetInt64());
        Assert.Equal(9, v1.GetProperty("id").GetInt64());
        Assert.Equal("2.0", v2.GetProperty("jsonrpc").GetString());
    }
}
