using ControlPlane.Api.Compute.Servers;
using ControlPlane.Api.Microversions;
using ControlPlane.Data.Instances;

namespace ControlPlane.Api.UnitTests.Compute;

public sealed class FaultTextTests
{
    [Theory]
    [InlineData("SR_BACKEND_FAILURE_109: The snapshot chain is too long", "[hypervisor error]: The snapshot chain is too long")]
    [InlineData("VDI /var/run/sr-mount/3f2a/ab12.vhd could not be opened", "VDI [path] could not be opened")]
    [InlineData("call to http://10.0.0.5:8401/ failed", "call to [url] failed")]
    [InlineData("host 192.168.1.20:443 refused", "host [address] refused")]
    [InlineData("VM OpaqueRef:5e3c-11aa is HALTED", "VM [ref] is HALTED")]
    [InlineData("Build interrupted by a restart of compute host cmp-7.", "Build interrupted by a restart of compute host [host].")]
    [InlineData("No valid host was found.", "No valid host was found.")]
    [InlineData("Flavor's disk is too small for requested image (and/or memory).", "Flavor's disk is too small for requested image (and/or memory).")]
    public void Non_admins_see_no_host_paths_or_hypervisor_detail(string message, string shown) =>
        Assert.Equal(shown, FaultText.ForNonAdmin(message, "cmp-7"));

    [Fact]
    public void Server_view_sanitises_the_fault_for_members_and_keeps_it_for_admins()
    {
        var fault = new InstanceFaultRecord(409, "SR_BACKEND_FAILURE_109 on /var/run/sr-mount/x.vhd", "ControlPlane.Compute.Virt.XenApi.XenApiFailure", Samples.Created);
        var server = Samples.Error() with { Fault = fault, Host = "cmp-7" };
        var member = ServerView.Render(server, ServerViewKind.Show, ApiVersion.Min, false, Samples.Links);
        var admin = ServerView.Render(server, ServerViewKind.Show, ApiVersion.Min, true, Samples.Links);
        Assert.Equal("[hypervisor error] on [path]", member["fault"]!["message"]!.GetValue<string>());
        Assert.Null(member["fault"]!["details"]);
        Assert.Equal(fault.Message, admin["fault"]!["message"]!.GetValue<string>());
        Assert.Equal(fault.Details, admin["fault"]!["details"]!.GetValue<string>());
    }
}
