using System.Text.Json.Serialization;

namespace XapiSim.Endpoints;

/// <summary>Body of <c>POST /_sim/gc</c>.</summary>
public sealed record GcRequest(
    [property: JsonPropertyName("paused")] bool? Paused,
    [property: JsonPropertyName("run")] bool? Run);
