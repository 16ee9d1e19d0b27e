using System.Text.Json.Serialization;

namespace XapiSim.Endpoints;

/// <summary>Body of <c>POST /_sim/faults</c> (and one row of <c>GET /_sim/faults</c>).</summary>
public sealed record FaultRequest(
    [property: JsonPropertyName("call")] string? Call,
    [property: JsonPropertyName("mode")] string? Mode,
    [property: JsonPropertyName("count")] int? Count,
    [property: JsonPropertyName("error")] List<string>? Error,
    [property: JsonPropertyName("delayMs")] int? DelayMs);
