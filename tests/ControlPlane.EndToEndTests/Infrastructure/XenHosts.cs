using System.Text.Json;

namespace ControlPlane.EndToEndTests.Infrastructure;

/// <summary>The simulated XenServer hosts of the stack, as <c>deploy/up --driver xenapi</c> lists them in <c>.run/xapisim.json</c>.</summary>
public static class XenHosts
{
    /// <summary>What brings up a stack these tests can use.</summary>
    public const string UpCommand = "deploy/up --driver xenapi --compute-hosts 2";

    public static IReadOnlyList<XenHost> Load(StackEnvironment stack)
    {
        var file = Path.Combine(stack.RunDirectory, "xapisim.json");
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"{file} does not exist: the stack has no XapiSim hosts (it runs another driver). Run `{UpCommand}` first.");
        }
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        var hosts = doc.RootElement.GetProperty("hosts").EnumerateArray()
            .Select(h => new XenHost(
                h.GetProperty("name").GetString()!,
                new Uri(h.GetProperty("url").GetString()!),
                h.GetProperty("username").GetString()!,
                h.GetProperty("password").GetString()!))
            .ToList();
        if (hosts.Count == 0)
        {
            throw new InvalidOperationException($"{file} lists no XapiSim host. Run `{UpCommand}` first.");
        }
        return hosts;
    }
}
