using System.Text.Json.Nodes;
using ControlPlane.Api.Microversions;

namespace ControlPlane.Api.UnitTests.Infrastructure;

/// <summary>Loads the exported tempest schemas (<c>client.name@min-max.json</c>) and picks the one tempest uses at a microversion.</summary>
public static class TempestSchemas
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Schemas");

    /// <summary>The response_body schema of <paramref name="name"/> (e.g. <c>servers.get_server</c>) at <paramref name="version"/>.</summary>
    public static JsonNode Body(string name, ApiVersion version)
    {
        foreach (var file in Directory.GetFiles(Folder, name + "@*.json"))
        {
            var range = Path.GetFileNameWithoutExtension(file)[(name.Length + 1)..].Split('-');
            var min = MicroversionNegotiator.Parse(range[0]);
            var max = range[1] == "latest" ? ApiVersion.Max : MicroversionNegotiator.Parse(range[1]);
            if (version >= min && version <= max)
            {
                return JsonNode.Parse(File.ReadAllText(file))!["response_body"]!;
            }
        }
        throw new InvalidOperationException($"No exported tempest schema {name} covers {version}; run Schemas/export_schemas.py.");
    }

    /// <summary>Every microversion from 2.1 to the maximum served.</summary>
    public static IEnumerable<ApiVersion> AllVersions() =>
        Enumerable.Range(ApiVersion.Min.Minor, ApiVersion.Max.Minor - ApiVersion.Min.Minor + 1).Select(m => new ApiVersion(2, m));
}
