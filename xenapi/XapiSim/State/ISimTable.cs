namespace XapiSim.State;

/// <summary>Class-agnostic view of a table, for the auto-generated messages (get_record, get_by_uuid, ...).</summary>
public interface ISimTable
{
    string XenClass { get; }

    IEnumerable<SimObject> Rows { get; }

    SimObject GetRow(string opaqueRef);

    SimObject GetRowByUuid(string uuid);
}
