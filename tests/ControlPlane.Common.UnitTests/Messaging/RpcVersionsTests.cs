using ControlPlane.Compute.Rpc;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Messaging.Topology;
using ControlPlane.Messaging.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Common.UnitTests.Messaging;

public sealed class RpcVersionsTests
{
    [Fact]
    public void Each_topic_gets_the_version_its_client_project_registered()
    {
        using var provider = new ServiceCollection().AddComputeRpcClient().AddConductorRpcClient()
            .AddComputeRpcClient().AddSingleton<RpcVersions>().BuildServiceProvider();
        var versions = provider.GetRequiredService<RpcVersions>();

        Assert.Equal(ConductorRpcClient.Version, versions.ForTopic(Topics.Conductor));
        Assert.Equal(ComputeRpcClient.Version, versions.ForTopic(Topics.Compute("host1")));
        Assert.Equal(RpcVersions.Default, versions.ForTopic("conductor.other"));
        Assert.Equal(RpcVersions.Default, versions.ForTopic("test.other"));
        Assert.Equal(2, provider.GetServices<RpcTopicVersion>().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("compute.*")]
    [InlineData("compute.#")]
    [InlineData("a b")]
    public void Topic_names_with_wildcards_or_blanks_are_refused(string topic)
    {
        Assert.Throws<ArgumentException>(() => RpcTopology.ValidateTopic(topic));
    }

    [Fact]
    public void Dead_letter_queue_is_named_after_the_topic()
    {
        RpcTopology.ValidateTopic("compute.host-1_a");
        Assert.Equal("compute.host1.dead", RpcTopology.DeadLetterQueue("compute.host1"));
    }
}
