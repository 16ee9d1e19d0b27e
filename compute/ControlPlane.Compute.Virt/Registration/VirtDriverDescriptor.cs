namespace ControlPlane.Compute.Virt.Registration;

/// <summary>One registered virt driver: the name <c>Compute:Driver</c> selects it by, and its type.</summary>
/// <param name="Name">Configuration name, e.g. <c>Fake</c>, <c>XenApi</c> (matched case-insensitively).</param>
/// <param name="DriverType">The <see cref="Contract.IVirtDriver"/> implementation.</param>
public sealed record VirtDriverDescriptor(string Name, Type DriverType);
