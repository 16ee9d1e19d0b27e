namespace ControlPlane.XenApi.Tests;

/// <summary>Hand-written envelopes in the exact shapes real XAPI emits (untyped strings and ints, Status structs).</summary>
internal static class Fixtures
{
    public const string LoginSuccessXml =
        "<?xml version=\"1.0\"?><methodResponse><params><param><value><struct>" +
        "<member><name>Status</name><value>Success</value></member>" +
        "<member><name>Value</name><value>OpaqueRef:5c0f9a4e-0000-4000-8000-000000000001</value></member>" +
        "</struct></value></param></params></methodResponse>";

    public const string BadPowerStateXml =
        "<?xml version=\"1.0\"?><methodResponse><params><param><value><struct>" +
        "<member><name>Status</name><value>Failure</value></member>" +
        "<member><name>ErrorDescription</name><value><array><data>" +
        "<value>VM_BAD_POWER_STATE</value><value>OpaqueRef:vm-1</value><value>halted</value><value>running</value>" +
        "</data></array></value></member></struct></value></param></params></methodResponse>";

    /// <summary>A VM record as XAPI sends it over XML-RPC: ints untyped (indistinguishable from strings), 64-bit sizes,
    /// booleans, a datetime, an empty string as <c>&lt;value/&gt;</c>, maps and sets.</summary>
    public const string VmRecordXml =
        "<?xml version=\"1.0\"?><methodResponse><params><param><value><struct>" +
        "<member><name>Status</name><value>Success</value></member>" +
        "<member><name>Value</name><value><struct>" +
        "<member><name>uuid</name><value>0b1c2d3e-aaaa-4bbb-8ccc-123456789abc</value></member>" +
        "<member><name>name_label</name><value>instance-00000001</value></member>" +
        "<member><name>name_description</name><value/></member>" +
        "<member><name>power_state</name><value>Running</value></member>" +
        "<member><name>memory_static_max</name><value>8589934592</value></member>" +
        "<member><name>memory_dynamic_max</name><value>8589934592</value></member>" +
        "<member><name>VCPUs_max</name><value>2</value></member>" +
        "<member><name>domid</name><value>17</value></member>" +
        "<member><name>is_a_template</name><value><boolean>0</boolean></value></member>" +
        "<member><name>is_control_domain</name><value><boolean>0</boolean></value></member>" +
        "<member><name>affinity</name><value>OpaqueRef:NULL</value></member>" +
        "<member><name>resident_on</name><value>OpaqueRef:host-1</value></member>" +
        "<member><name>other_config</name><value><struct><member><name>nova_uuid</name><value>4b8e0f0c-1111-4222-8333-444455556666</value></member></struct></value></member>" +
        "<member><name>blocked_operations</name><value><struct></struct></value></member>" +
        "<member><name>VBDs</name><value><array><data><value>OpaqueRef:vbd-1</value><value>OpaqueRef:vbd-2</value></data></array></value></member>" +
        "<member><name>consoles</name><value><array><data/></array></value></member>" +
        "<member><name>snapshot_time</name><value><dateTime.iso8601>20240131T12:34:56Z</dateTime.iso8601></value></member>" +
        "</struct></value></member></struct></value></param></params></methodResponse>";

    public const string JsonV1Failure =
        "{\"result\": null, \"error\": [\"HANDLE_INVALID\", \"VM\", \"OpaqueRef:gone\"], \"id\": 1}";

    public const string JsonV2Failure =
        "{\"jsonrpc\": \"2.0\", \"error\": {\"code\": 1, \"message\": \"SR_BACKEND_FAILURE_79\", \"data\": [\"\", \"VDI Invalid size\", \"\"]}, \"id\": 1}";

    public const string JsonV2Success =
        "{\"jsonrpc\": \"2.0\", \"result\": {\"uuid\": \"u\", \"virtual_size\": 10737418240, \"physical_utilisation\": \"4096\", \"sm_config\": {\"vhd-parent\": \"p-uuid\"}, \"read_only\": false, \"managed\": true, \"type\": \"user\"}, \"id\": 7}";
}
