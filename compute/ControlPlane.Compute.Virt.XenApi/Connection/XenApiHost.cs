using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;

namespace ControlPlane.Compute.Virt.XenApi.Connection;

/// <summary>The logged-in session and the objects resolved once at <c>InitHost</c>: the host VMs start on and the SR.</summary>
/// <param name="Session">The XenAPI session (re-logs in by itself on <c>SESSION_INVALID</c>).</param>
/// <param name="Host">The host this session is logged in to (<c>session.get_this_host</c>).</param>
/// <param name="Sr">The SR holding images and instance disks.</param>
/// <param name="HostName">The host's name-label (reported as the hypervisor host name).</param>
public sealed record XenApiHost(XenApiSession Session, HostRef Host, SrRef Sr, string HostName);
