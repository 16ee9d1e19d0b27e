namespace ControlPlane.XenApi.Http;

/// <summary>The <c>format</c> query parameter of <c>export_raw_vdi</c> / <c>import_raw_vdi</c>.</summary>
public enum VdiTransferFormat
{
    /// <summary>The raw disk bytes (virtual size).</summary>
    Raw,

    /// <summary>A single dynamic VHD holding the whole chain's content.</summary>
    Vhd,
}
