namespace XapiSim.State;

/// <summary>A logged-in session. Sessions are not persisted: after a restart clients get
/// <c>SESSION_INVALID</c> and log in again.</summary>
public sealed class SessionObject : SimObject
{
    public override string XenClass => "session";

    public string Username { get; set; } = "";
    public string Originator { get; set; } = "";
    public string ThisHost { get; set; } = "";
    public DateTime LastActive { get; set; }

    public override Dictionary<string, object?> ToRecord(SimDatabase db) => new()
    {
        ["uuid"] = Uuid,
        ["this_host"] = ThisHost,
        ["this_user"] = "OpaqueRef:NULL",
        ["last_active"] = LastActive,
        ["pool"] = false,
        ["is_local_superuser"] = true,
        ["auth_user_sid"] = "",
        ["auth_user_name"] = Username,
        ["rbac_permissions"] = new List<string>(),
        ["originator"] = Originator,
        ["other_config"] = new Dictionary<string, string>(),
    };
}
