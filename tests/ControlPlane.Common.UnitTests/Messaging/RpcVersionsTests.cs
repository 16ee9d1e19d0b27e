using ControlPlane.Messaging.Abstractions;
using ControlPlane.Messaging.Clients;
using ControlPlane.Messaging.Topology;
using ControlPlane.Messaging.Wire;

namespace ControlPlane.Common.UnitTests.Messaging;

public sealed class RpcVersionsTests
{
    [Fact]
    public void Each_topic_gets_the_version_of_the_client_class_that_owns_it()
    {
        Assert.Equal(ConductorRpcClient.Version, RpcVersions.ForTopic(Topics.Conductor));
        Assert.Equal(ComputeRpcClient.Version, RpcVersions.ForTopic(Topics.Compute("host1")));
        Assert.Equal(RpcVersions.Default, RpcVersions.ForTopic("test.other"));
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
