namespace ControlPlane.Api.Compute.Snapshots;

/// <summary>A validated <c>createImage</c> action body.</summary>
/// <param name="Name">Image name (1-255 characters, no leading or trailing whitespace).</param>
/// <param name="Metadata">User metadata, copied into the image's properties.</param>
public sealed record CreateImageRequest(string Name, IReadOnlyDictionary<string, string> Metadata);
