using ControlPlane.ImageStore.Images;

namespace ControlPlane.ImageStore.Auth;

/// <summary>A validated token: who it is for and until when it is valid.</summary>
/// <param name="Caller">The caller.</param>
/// <param name="ExpiresAt">Expiry reported by identity.</param>
public sealed record ValidatedToken(ImageCaller Caller, DateTimeOffset ExpiresAt);
