namespace ControlPlane.Compute.Virt.Contract;

/// <summary>What a driver needs to know about an instance. Immutable; built by the compute
/// manager from the control plane's instance record.</summary>
/// <param name="InstanceId">The instance uuid; the only identity the driver and its caller share
/// (XenAPI: stored as <c>other_config["nova_uuid"]</c>).</param>
/// <param name="InstanceName">Hypervisor-side name, e.g. <c>instance-0000002a</c> (XenAPI: the
/// VM's <c>name_label</c>).</param>
/// <param name="MemoryMb">Flavor memory in MiB (&gt; 0).</param>
/// <param name="Vcpus">Flavor virtual CPUs (&gt; 0).</param>
/// <param name="RootGb">Flavor root disk in GiB (0 = the image's own size).</param>
/// <param name="ImageId">The image the instance boots from (an imagestore image id).</param>
public sealed record VirtInstance(Guid InstanceId, string InstanceName, int MemoryMb, int Vcpus, int RootGb, Guid ImageId)
{
    /// <summary>The rescue VM's hypervisor-side name, <c>&lt;InstanceName&gt;-rescue</c> (Nova's rule; see
    /// <see cref="IRescueDriver"/>).</summary>
    public string RescueName => InstanceName + "-rescue";
}
