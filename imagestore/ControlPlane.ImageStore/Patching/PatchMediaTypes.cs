namespace ControlPlane.ImageStore.Patching;

/// <summary>The two JSON-patch media types Glance v2 accepts for <c>PATCH /v2/images/{id}</c>.</summary>
public static class PatchMediaTypes
{
    /// <summary>RFC 6902 operations <c>{"op":..,"path":..,"value":..}</c> (glanceclient, openstacksdk).</summary>
    public const string V21 = "application/openstack-images-v2.1-json-patch";

    /// <summary>Glance's draft-04 form <c>{"replace":"/name","value":..}</c> (tempest).</summary>
    public const string V20 = "application/openstack-images-v2.0-json-patch";
}
