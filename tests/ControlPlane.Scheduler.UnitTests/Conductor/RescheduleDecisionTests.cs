using ControlPlane.Scheduler.Conductor;

namespace ControlPlane.Scheduler.UnitTests.Conductor;

public sealed class RescheduleDecisionTests
{
    [Theory]
    [InlineData(1, 3, true, BuildDecision.Reschedule)]
    [InlineData(2, 3, true, BuildDecision.Reschedule)]
    [InlineData(3, 3, true, BuildDecision.ErrorAttemptsExhausted)]
    [InlineData(4, 3, true, BuildDecision.ErrorAttemptsExhausted)]
    [InlineData(1, 1, true, BuildDecision.ErrorAttemptsExhausted)]
    [InlineData(1, 3, false, BuildDecision.ErrorNotRetryable)]
    public void Decides_from_attempts_and_retryability(int attempts, int max, bool retryable, BuildDecision expected) =>
        Assert.Equal(expected, RescheduleDecision.Decide(attempts, max, retryable));

    [Fact]
    public void Max_attempts_below_one_is_a_programming_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RescheduleDecision.Decide(1, 0, true));

    [Fact]
    public void Exhausted_fault_names_the_limit_and_the_last_failure()
    {
        var id = Guid.NewGuid();
        var fault = BuildFaults.AttemptsExhausted(id, 3, BuildFaults.FromHost(new() { Message = "disk full" }, "h1"));
        Assert.Equal(500, fault.Code);
        Assert.Contains("Exceeded max scheduling attempts 3", fault.Message);
        Assert.Contains(id.ToString(), fault.Message);
        Assert.EndsWith("Last exception: disk full", fault.Message);
        Assert.Equal("h1", fault.Host);
    }

    [Fact]
    public void No_valid_host_fault_is_novas()
    {
        var fault = BuildFaults.NoValidHost();
        Assert.Equal(500, fault.Code);
        Assert.Equal("No valid host was found. There are not enough hosts available.", fault.Message);
    }

    [Fact]
    public void No_valid_host_after_a_reschedule_keeps_novas_wording_and_names_the_last_hosts_failure()
    {
        var last = BuildFaults.FromHost(new()
        {
            Message = "The storage repository refused to spawn instance-1: SR_BACKEND_FAILURE_109: The snapshot chain is too long",
            Details = "ControlPlane.Compute.Virt.Errors.DriverOperationException: ... ---> ControlPlane.XenApi.Errors.XenApiFailure: SR_BACKEND_FAILURE_109",
        }, "h2");

        var fault = BuildFaults.NoValidHost(last);

        Assert.Equal(500, fault.Code);
        Assert.StartsWith("No valid host was found. There are not enough hosts available.", fault.Message);
        Assert.EndsWith("Last exception: " + last.Message, fault.Message);
        Assert.Contains("SR_BACKEND_FAILURE_109", fault.Details);
        Assert.Equal("h2", fault.Host);
    }
}
