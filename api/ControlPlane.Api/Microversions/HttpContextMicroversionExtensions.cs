namespace ControlPlane.Api.Microversions;

/// <summary>Access to the negotiated microversion of a compute request.</summary>
public static class HttpContextMicroversionExtensions
{
    internal const string Key = "controlplane.microversion";

    /// <summary>The negotiated microversion (2.1 when the middleware did not run).</summary>
    public static ApiVersion Microversion(this HttpContext context) =>
        context.Items.TryGetValue(Key, out var v) && v is ApiVersion version ? version : ApiVersion.Min;
}
