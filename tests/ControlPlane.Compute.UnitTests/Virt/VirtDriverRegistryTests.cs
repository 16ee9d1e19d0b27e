using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Fake;
using ControlPlane.Compute.Virt.Registration;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Compute.UnitTests.Virt;

public sealed class VirtDriverRegistryTests
{
    private static ServiceProvider Provider()
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<FakeDriverOptions>();
        services.AddVirtDriver<FakeDriver>(FakeDriver.DriverName);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void A_registered_driver_resolves_by_name_case_insensitively_as_one_instance()
    {
        using var provider = Provider();
        var registry = provider.GetRequiredService<VirtDriverRegistry>();

        var a = registry.Resolve(provider, "fake");
        var b = registry.Resolve(provider, "Fake");

        Assert.IsType<FakeDriver>(a);
        Assert.Same(a, b);
        Assert.Equal(["Fake"], registry.Names);
    }

    [Fact]
    public void An_unknown_driver_name_fails_naming_the_registered_ones()
    {
        using var provider = Provider();
        var registry = provider.GetRequiredService<VirtDriverRegistry>();

        var error = Assert.Throws<InvalidOperationException>(() => registry.Resolve(provider, "XenApi"));

        Assert.Contains("'XenApi'", error.Message);
        Assert.Contains("Fake", error.Message);
        Assert.Null(registry.Find("XenApi"));
        Assert.IsAssignableFrom<IVirtDriver>(registry.Resolve(provider, "FAKE"));
    }
}
