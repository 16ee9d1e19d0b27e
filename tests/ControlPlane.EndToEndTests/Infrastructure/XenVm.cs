using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;

namespace ControlPlane.EndToEndTests.Infrastructure;

/// <summary>An instance's VM as XenAPI shows it, with the connection to its host.</summary>
public sealed record XenVm(XenConnection Connection, VmRef Ref, VmRecord Record);
