using System.Text.Json.Nodes;

namespace ControlPlane.EndToEndTests.Infrastructure;

/// <summary>Request bodies the tests send more than once.</summary>
public static class ServerRequests
{
    /// <summary>The first image deploy/up seeds.</summary>
    public const string Image = "11111111-1111-1111-1111-111111111111";

    /// <summary>A minimal create-server body.</summary>
    public static string Create(string name, string flavorRef = "1", string imageRef = Image) =>
        new JsonObject { ["server"] = new JsonObject { ["name"] = name, ["flavorRef"] = flavorRef, ["imageRef"] = imageRef } }.ToJsonString();
}
