using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.XenApi.Errors;
using ControlPlane.XenApi.Errors;

namespace ControlPlane.Compute.UnitTests.Operations;

/// <summary>An SR failure under a spawn is the cause the compute reports (issue 14 item 7), not hidden behind a generic text.</summary>
public sealed class SrFaultCauseTests
{
    [Fact]
    public void The_fault_of_a_spawn_the_sr_refused_names_the_sr_error_and_carries_the_exception_chain()
    {
        var instance = new VirtInstance(Guid.NewGuid(), "instance-0000abcd", 256, 1, 1, Guid.NewGuid());
        var failure = new XenApiFailure(XenApiErrorCodes.SrBackendFailureChainTooLong, ["", "The snapshot chain is too long", ""]);

        var error = XenApiFailureMapper.Map(failure, instance, "spawn");
        var fault = OperationFaults.From(error, "compute-1");

        Assert.True(error.Retryable);
        Assert.Equal("The storage repository refused to spawn instance-0000abcd: SR_BACKEND_FAILURE_109: The snapshot chain is too long", fault.Message);
        Assert.StartsWith("ControlPlane.Compute.Virt.Errors.DriverOperationException: The storage repository refused", fault.Details, StringComparison.Ordinal);
        Assert.Contains(" ---> ControlPlane.XenApi.Errors.XenApiFailure: ", fault.Details, StringComparison.Ordinal);
        Assert.Equal("compute-1", fault.Host);
    }

    [Fact]
    public void An_unexpected_exception_keeps_its_message_out_of_the_fault()
    {
        var fault = OperationFaults.From(new InvalidOperationException("internal secret", new IOException("disk")), "compute-1");

        Assert.DoesNotContain("secret", fault.Message + fault.Details, StringComparison.Ordinal);
        Assert.Equal("System.InvalidOperationException ---> System.IO.IOException", fault.Details);
    }
}
