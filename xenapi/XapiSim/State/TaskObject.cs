using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Wire;

namespace XapiSim.State;

/// <summary>A task (from an <c>Async.</c> call or <c>task.create</c>). Not persisted, like XAPI's own.</summary>
public sealed class TaskObject : SimObject
{
    public override string XenClass => "task";

    public string NameLabel { get; set; } = "";
    public string NameDescription { get; set; } = "";
    public string Status { get; set; } = "pending";
    public double Progress { get; set; }
    public DateTime Created { get; set; } = XenDateTime.Epoch;
    public DateTime Finished { get; set; } = XenDateTime.Epoch;

    /// <summary>The result as an XML-RPC <c>&lt;value&gt;</c> fragment (empty for void).</summary>
    public string Result { get; set; } = "";
    public List<string> ErrorInfo { get; set; } = [];
    public string ResidentOn { get; set; } = OpaqueRefs.Null;
    public string Session { get; set; } = OpaqueRefs.Null;
    public Dictionary<string, string> OtherConfig { get; set; } = [];

    /// <summary>Set by <c>task.cancel</c>; the running operation checks it.</summary>
    public bool CancelRequested { get; set; }

    public override Dictionary<string, object?> ToRecord(SimDatabase db) => new()
    {
        ["uuid"] = Uuid,
        ["name_label"] = NameLabel,
        ["name_description"] = NameDescription,
        ["allowed_operations"] = Status == "pending" ? new List<string> { "cancel" } : new List<string>(),
        ["current_operations"] = new Dictionary<string, string>(),
        ["created"] = Created,
        ["finished"] = Finished,
        ["status"] = Status,
        ["resident_on"] = ResidentOn,
        ["progress"] = Progress,
        ["type"] = "<none/>",
        ["result"] = Result,
        ["error_info"] = ErrorInfo,
        ["other_config"] = OtherConfig,
        ["subtask_of"] = OpaqueRefs.Null,
        ["subtasks"] = new List<string>(),
        ["backtrace"] = "()",
    };

    public override Dictionary<string, string>? MapField(string wireName) => wireName == "other_config" ? OtherConfig : null;
}
