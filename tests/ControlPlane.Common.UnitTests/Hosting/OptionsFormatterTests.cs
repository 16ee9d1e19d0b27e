using ControlPlane.Data.Configuration;
using ControlPlane.Hosting.Options;
using ControlPlane.Messaging.Configuration;

namespace ControlPlane.Common.UnitTests.Hosting;

public sealed class OptionsFormatterTests
{
    private sealed class SampleOptions
    {
        public string Host { get; set; } = "h1";

        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(90);

        public string[] Zones { get; set; } = ["a", "b"];

        [Redacted]
        public string Key { get; set; } = "k-secret";

        public string AdminPassword { get; set; } = "pw-secret";

        public string ClientSecret { get; set; } = "cs-secret";
    }

    [Fact]
    public void Values_are_rendered_and_secrets_masked()
    {
        var text = OptionsFormatter.Format(new SampleOptions());

        Assert.Equal("AdminPassword=***, ClientSecret=***, Host=h1, Key=***, Timeout=00:01:30, Zones=[a, b]", text);
    }

    [Fact]
    public void Connection_strings_of_our_options_are_never_printed()
    {
        var rpc = OptionsFormatter.Format(new RpcOptions { ConnectionString = "amqp://u:hunter2@127.0.0.1/" });
        var db = OptionsFormatter.Format(new PostgresDatabaseOptions { ConnectionString = "Host=x;Password=hunter2" });

        Assert.DoesNotContain("hunter2", rpc);
        Assert.DoesNotContain("hunter2", db);
        Assert.Contains("ConnectionString=***", rpc);
        Assert.Contains("RpcResponseTimeout=00:01:00", rpc);
    }
}
