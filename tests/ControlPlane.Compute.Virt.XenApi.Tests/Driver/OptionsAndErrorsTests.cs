using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Errors;
using ControlPlane.Compute.Virt.XenApi.Options;
using ControlPlane.XenApi.Errors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Driver;

public sealed class OptionsAndErrorsTests
{
    private static readonly VirtInstance Instance = new(Guid.NewGuid(), "instance-00000001", 512, 1, 1, Guid.NewGuid());

    [Fact]
    public void Valid_options_pass_and_each_bad_value_is_named()
    {
        var validator = new XenApiDriverOptionsValidator();
        Assert.True(validator.Validate(null, new XenApiDriverOptions { Url = new Uri("http://127.0.0.1:8401"), Password = "p" }).Succeeded);

        var result = validator.Validate(null, new XenApiDriverOptions
        {
            Url = new Uri("ftp://x"),
            Password = "",
            Username = " ",
            CleanShutdownTimeout = TimeSpan.FromSeconds(-1),
            StagingDirectory = "relative/dir",
            MaxImageMemberBytes = 10,
            HttpTimeout = TimeSpan.Zero,
            TaskPollInterval = TimeSpan.Zero,
            VhdCoalescePollInterval = TimeSpan.Zero,
            VhdCoalesceMaxAttempts = 0,
        });

        Assert.False(result.Succeeded);
        foreach (var name in new[] { "XenApi:Url", "XenApi:Password", "XenApi:Username", "XenApi:CleanShutdownTimeout", "XenApi:StagingDirectory", "XenApi:MaxImageMemberBytes", "XenApi:HttpTimeout", "XenApi:TaskPollInterval", "XenApi:VhdCoalescePollInterval", "XenApi:VhdCoalesceMaxAttempts" })
        {
            Assert.Contains(result.Failures!, f => f.Contains(name, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Coalesce_wait_defaults_are_novas()
    {
        var options = new XenApiDriverOptions();

        Assert.Equal((TimeSpan.FromSeconds(5), 20), (options.VhdCoalescePollInterval, options.VhdCoalesceMaxAttempts));
    }

    [Fact]
    public void The_driver_refuses_to_start_with_invalid_options_only_when_it_is_selected()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddXenApiDriver(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["XenApi:Url"] = "not a url" }).Build());
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<IVirtDriver>(XenApiDriver.DriverName));
        Assert.NotNull(provider.GetRequiredService<ILogger<OptionsAndErrorsTests>>());
    }

    [Theory]
    [InlineData("HOST_NOT_ENOUGH_FREE_MEMORY", typeof(InsufficientResourcesException), true)]
    [InlineData("SR_BACKEND_FAILURE_44", typeof(InsufficientResourcesException), true)]
    [InlineData("SR_FULL", typeof(InsufficientResourcesException), true)]
    [InlineData("VM_IS_TEMPLATE", typeof(DriverOperationException), false)]
    [InlineData("SESSION_AUTHENTICATION_FAILED", typeof(DriverOperationException), false)]
    [InlineData("INTERNAL_ERROR", typeof(DriverOperationException), true)]
    public void Xapi_failures_map_to_typed_driver_errors(string code, Type expected, bool retryable)
    {
        var mapped = XenApiFailureMapper.Map(new XenApiFailure(code, ["OpaqueRef:1234", "detail"]), Instance, "spawn");

        Assert.IsType(expected, mapped);
        Assert.Equal(retryable, mapped.Retryable);
        Assert.DoesNotContain("OpaqueRef", mapped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_power_state_carries_the_actual_state()
    {
        var mapped = XenApiFailureMapper.Map(new XenApiFailure("VM_BAD_POWER_STATE", ["OpaqueRef:1", "running", "halted"]), Instance, "reboot");

        Assert.Equal(DriverPowerState.Shutdown, Assert.IsType<InstancePowerStateException>(mapped).Actual);
    }

    [Theory]
    [InlineData("Running", DriverPowerState.Running)]
    [InlineData("halted", DriverPowerState.Shutdown)]
    [InlineData("Paused", DriverPowerState.Paused)]
    [InlineData("Suspended", DriverPowerState.Suspended)]
    [InlineData("Crashed", DriverPowerState.Crashed)]
    [InlineData("whatever", DriverPowerState.NoState)]
    public void Power_states_map_like_nova(string xapi, DriverPowerState expected) =>
        Assert.Equal(expected, XenApiFailureMapper.ToPowerState(xapi));
}
