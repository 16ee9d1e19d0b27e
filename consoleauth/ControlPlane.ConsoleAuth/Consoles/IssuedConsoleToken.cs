namespace ControlPlane.ConsoleAuth.Consoles;

/// <summary>A freshly minted token: the only time the clear token exists on the server side.</summary>
/// <param name="Token">The clear token, handed to the caller once.</param>
/// <param name="AccessUrl">The URL the user opens (<c>access_url_base?path=%3Ftoken%3D&lt;token&gt;</c>).</param>
/// <param name="ExpiresAt">When the token stops being accepted.</param>
public sealed record IssuedConsoleToken(string Token, string AccessUrl, DateTimeOffset ExpiresAt);
