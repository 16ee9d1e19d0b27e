using System.Text.Json;

namespace ControlPlane.ImageStore.Patching;

/// <summary>One change of an image PATCH, media-type independent.</summary>
/// <param name="Op">add, replace or remove.</param>
/// <param name="Attribute">The attribute named by the (single-segment, decoded) JSON pointer.</param>
/// <param name="Value">The new value (add, replace); default for remove.</param>
public sealed record PatchOperation(string Op, string Attribute, JsonElement Value);
