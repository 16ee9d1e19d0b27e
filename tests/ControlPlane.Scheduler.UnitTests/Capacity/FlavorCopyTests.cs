using ControlPlane.Domain.Flavors;
using ControlPlane.Scheduler.Grains.Capacity;

namespace ControlPlane.Scheduler.UnitTests.Capacity;

public sealed class FlavorCopyTests
{
    [Fact]
    public void Parses_the_flavors_table_column_names()
    {
        var flavor = FlavorCopy.Parse("""{"id":"1","name":"m1.tiny","memory_mb":512,"vcpus":1,"root_gb":1,"ephemeral_gb":2,"swap_mb":256}""");
        Assert.Equal(new FlavorCopy("1", "m1.tiny", 512, 1, 1, 2, 256), flavor);
        Assert.Equal(new Resources(512, 1, 3 * 1024 + 256), flavor.ToResources());
    }

    [Fact]
    public void Parses_nova_api_names_and_empty_swap()
    {
        var flavor = FlavorCopy.Parse("""{"id":"2","name":"m1.small","ram":2048,"vcpus":1,"disk":20,"OS-FLV-EXT-DATA:ephemeral":0,"swap":""}""");
        Assert.Equal(new FlavorCopy("2", "m1.small", 2048, 1, 20, 0, 0), flavor);
    }

    [Theory]
    [InlineData("""{"vcpus":1}""")]
    [InlineData("""{"memory_mb":512}""")]
    [InlineData("""{"memory_mb":-5,"vcpus":1}""")]
    [InlineData("""{"memory_mb":"lots","vcpus":1}""")]
    [InlineData("""[1,2]""")]
    public void Rejects_a_copy_without_valid_sizes(string json) =>
        Assert.Throws<FormatException>(() => FlavorCopy.Parse(json));
}
