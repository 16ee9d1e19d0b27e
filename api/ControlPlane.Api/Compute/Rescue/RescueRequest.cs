namespace ControlPlane.Api.Compute.Rescue;

/// <summary>The body of a <c>rescue</c> action.</summary>
/// <param name="AdminPass">The rescue system's admin password, or null to generate one.</param>
/// <param name="RescueImageRef">The image to rescue with, or null for the default rule (<see cref="RescueImages"/>).</param>
public sealed record RescueRequest(string? AdminPass, Guid? RescueImageRef);
