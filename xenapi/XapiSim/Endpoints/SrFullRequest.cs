using System.Text.Json.Serialization;

namespace XapiSim.Endpoints;

/// <summary>Body of <c>POST /_sim/sr-full</c>.</summary>
public sealed record SrFullRequest([property: JsonPropertyName("full")] bool? Full);
