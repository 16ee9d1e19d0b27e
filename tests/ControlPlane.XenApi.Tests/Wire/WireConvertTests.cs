using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Tests.Wire;

public sealed class WireConvertTests
{
    [Fact]
    public void Ints_accept_every_wire_form()
    {
        Assert.Equal(4294967296L, WireConvert.ToLong("4294967296"));
        Assert.Equal(4294967296L, WireConvert.ToLong(4294967296L));
        Assert.Equal(-1L, WireConvert.ToLong(" -1 "));
        Assert.Equal(3L, WireConvert.ToLong(3.0));
        Assert.Throws<XenApiProtocolException>(() => WireConvert.ToLong("3.5"));
        Assert.Throws<XenApiProtocolException>(() => WireConvert.ToLong(true));
    }

    [Fact]
    public void Enums_are_case_insensitive_with_unknown_fallback()
    {
        Assert.Equal(VmPowerState.Halted, WireConvert.ToEnum<VmPowerState>("halted"));
        Assert.Equal(XenTaskStatus.Pending, WireConvert.ToEnum<XenTaskStatus>("pending"));
        Assert.Equal(VmPowerState.Unknown, WireConvert.ToEnum<VmPowerState>("Crashed"));
        Assert.Equal("user", WireConvert.EnumToWire(VdiType.User, lowerCase: true));
    }

    [Fact]
    public void Record_maps_key_by_typed_refs()
    {
        var wire = new Dictionary<string, object?>
        {
            ["OpaqueRef:a"] = new Dictionary<string, object?> { ["uuid"] = "ua", ["name_label"] = "sr-a" },
        };

        var map = WireConvert.ToRecordMap<SrRef, Records.SrRecord>(wire, Records.SrRecord.FromWire);

        Assert.Equal("sr-a", map[new SrRef("OpaqueRef:a")].NameLabel);
    }

    [Fact]
    public void Null_refs_are_recognised()
    {
        Assert.True(WireConvert.ToRef<VmRef>("OpaqueRef:NULL").IsNull);
        Assert.True(WireConvert.ToRef<VmRef>("").IsNull);
        Assert.False(new VmRef("OpaqueRef:1").IsNull);
    }
}
