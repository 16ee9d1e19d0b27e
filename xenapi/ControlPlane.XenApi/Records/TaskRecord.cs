using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Records;

/// <summary>task fields; <see cref="Result"/> is an XML-RPC <c>&lt;value&gt;</c> fragment (empty for void).</summary>
public sealed record TaskRecord
{
    public string Uuid { get; init; } = "";
    public string NameLabel { get; init; } = "";
    public string NameDescription { get; init; } = "";
    public XenTaskStatus Status { get; init; }
    public double Progress { get; init; }
    public DateTime Created { get; init; } = XenDateTime.Epoch;
    public DateTime Finished { get; init; } = XenDateTime.Epoch;
    public string Result { get; init; } = "";
    public List<string> ErrorInfo { get; init; } = [];
    public HostRef ResidentOn { get; init; } = HostRef.Null;
    public Dictionary<string, string> OtherConfig { get; init; } = [];

    public static TaskRecord FromWire(WireRecord r) => new()
    {
        Uuid = r.Str("uuid"),
        NameLabel = r.Str("name_label"),
        NameDescription = r.Str("name_description"),
        Status = r.Enum<XenTaskStatus>("status"),
        Progress = r.Double("progress"),
        Created = r.Date("created"),
        Finished = r.Date("finished"),
        Result = r.Str("result"),
        ErrorInfo = r.Strings("error_info"),
        ResidentOn = r.Ref<HostRef>("resident_on"),
        OtherConfig = r.Map("other_config"),
    };
}
