namespace ControlPlane.Common.IntegrationTests.Infrastructure;

/// <summary>
/// Endpoints of the real servers, from the environment variables <c>deploy/up --infra</c> writes to
/// <c>.run/env</c>. A missing variable fails the test with a message saying how to provide it.
/// </summary>
public static class TestEnvironment
{
    /// <summary>AMQP URI of RabbitMQ.</summary>
    public static string RabbitMq => Require("ConnectionStrings__rabbitmq");

    /// <summary>Connection string of the controlplane database (its role may create databases).</summary>
    public static string Postgres => Require("ConnectionStrings__controlplane");

    /// <summary>Base URL of the RabbitMQ management API.</summary>
    public static Uri RabbitManagement => new($"http://127.0.0.1:{Require("CP_RABBIT_MGMT_PORT")}/");

    /// <summary>The value of <paramref name="name"/>, or a failed test naming it.</summary>
    public static string Require(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            Assert.Fail($"Environment variable {name} is not set. Start the servers with `deploy/up --infra` and run the tests with `. .run/env` sourced.");
        }
        return value!;
    }
}
