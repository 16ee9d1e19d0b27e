using ControlPlane.Messaging.Configuration;

namespace ControlPlane.Common.UnitTests.Messaging;

public sealed class RpcOptionsValidatorTests
{
    private static RpcOptions Valid() => new() { ConnectionString = "amqp://u:p@127.0.0.1:5672/" };

    [Fact]
    public void Defaults_with_a_connection_string_are_valid_and_documented_values_hold()
    {
        var options = Valid();

        Assert.True(new RpcOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(TimeSpan.FromSeconds(60), options.RpcResponseTimeout);
        Assert.Equal(32, options.PrefetchCount);
        Assert.Equal(1, options.MaxRedeliveries);
    }

    public static TheoryData<Action<RpcOptions>, string> Invalid => new()
    {
        { o => o.RpcResponseTimeout = TimeSpan.Zero, "Rpc:RpcResponseTimeout" },
        { o => o.RpcResponseTimeout = TimeSpan.FromHours(2), "Rpc:RpcResponseTimeout" },
        { o => o.PrefetchCount = 0, "Rpc:PrefetchCount" },
        { o => o.PrefetchCount = 5000, "Rpc:PrefetchCount" },
        { o => o.ReconnectDelay = TimeSpan.FromMilliseconds(10), "Rpc:ReconnectDelay" },
        { o => o.RecoveryWaitTimeout = TimeSpan.FromSeconds(-1), "Rpc:RecoveryWaitTimeout" },
        { o => o.MaxRedeliveries = -1, "Rpc:MaxRedeliveries" },
        { o => o.MaxRedeliveries = 11, "Rpc:MaxRedeliveries" },
        { o => o.ConnectionName = " ", "Rpc:ConnectionName" },
        { o => o.PublisherId = "", "Rpc:PublisherId" },
        { o => o.ConnectionString = null, "ConnectionStrings:rabbitmq is required" },
        { o => o.ConnectionString = "http://127.0.0.1/", "ConnectionStrings:rabbitmq must be an absolute amqp" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_invalid_value_fails_naming_the_option(Action<RpcOptions> spoil, string expected)
    {
        var options = Valid();
        spoil(options);

        var result = new RpcOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage);
    }

    [Fact]
    public void The_connection_string_never_appears_in_a_failure()
    {
        var options = Valid();
        options.ConnectionString = "http://user:hunter2@127.0.0.1/";

        var result = new RpcOptionsValidator().Validate(null, options);

        Assert.DoesNotContain("hunter2", result.FailureMessage);
    }
}
