using ControlPlane.Compute.Options;
using ControlPlane.Compute.Virt.Fake;
using ControlPlane.Compute.Virt.Registration;

namespace ControlPlane.Compute.UnitTests.Options;

public sealed class ComputeOptionsValidatorTests
{
    private static readonly ComputeOptionsValidator Validator =
        new(new VirtDriverRegistry([new VirtDriverDescriptor(FakeDriver.DriverName, typeof(FakeDriver))]));

    [Fact]
    public void Defaults_with_a_host_are_valid()
    {
        var options = new ComputeOptions { Host = "compute-1.example" };

        Assert.True(Validator.Validate(null, options).Succeeded);
        Assert.Equal("Fake", options.Driver);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ReportInterval);
        Assert.Equal(new Uri("http://127.0.0.1:9292"), options.ImageApiUrl);
    }

    [Theory]
    [InlineData("", "Compute:Host is required")]
    [InlineData("compute.*", "Compute:Host may hold only")]
    [InlineData("a/b", "Compute:Host may hold only")]
    public void A_missing_or_unsafe_host_is_refused(string host, string message)
    {
        var result = Validator.Validate(null, new ComputeOptions { Host = host });

        Assert.Contains(result.Failures!, f => f.Contains(message));
    }

    [Fact]
    public void An_unregistered_driver_and_bad_intervals_are_refused_naming_the_option()
    {
        var result = Validator.Validate(null, new ComputeOptions
        {
            Host = "h",
            Driver = "XenApi",
            ReportInterval = TimeSpan.Zero,
            ImageApiUrl = new Uri("ftp://x/"),
            ReconcileRetryDelay = TimeSpan.FromMinutes(2),
        });

        Assert.Contains(result.Failures!, f => f.Contains("Compute:Driver 'XenApi'") && f.Contains("Fake"));
        Assert.Contains(result.Failures!, f => f.Contains("Compute:ReportInterval"));
        Assert.Contains(result.Failures!, f => f.Contains("Compute:ImageApiUrl"));
        Assert.Contains(result.Failures!, f => f.Contains("Compute:ReconcileRetryDelay"));
    }

    [Fact]
    public void The_short_host_switch_maps_onto_the_option()
    {
        Assert.Equal("Compute:Host", ComputeOptions.SwitchMappings["--host"]);
    }
}
