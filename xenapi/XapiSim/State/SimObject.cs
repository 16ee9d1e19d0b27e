using System.Text.Json.Serialization;

namespace XapiSim.State;

/// <summary>A row of one simulated XAPI table. Records are computed on demand so derived fields
/// (a VM's VBDs, an SR's VDIs, ...) never drift from the relations they come from.</summary>
public abstract class SimObject
{
    public string Ref { get; set; } = "";

    public string Uuid { get; set; } = "";

    /// <summary>The XenAPI class (also the table name in <c>HANDLE_INVALID</c>).</summary>
    [JsonIgnore]
    public abstract string XenClass { get; }

    /// <summary>The public record as <c>get_record</c> returns it.</summary>
    public abstract Dictionary<string, object?> ToRecord(SimDatabase db);

    /// <summary>A mutable (string → string) map field, for the generic <c>set_/add_to_/remove_from_</c> messages; null if not RW.</summary>
    public virtual Dictionary<string, string>? MapField(string wireName) => null;

    /// <summary>Sets an RW scalar field for the generic <c>set_&lt;field&gt;</c> message; false if the field is not RW.</summary>
    public virtual bool TrySetField(string wireName, object? value) => false;
}
