using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.Virt.Errors;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Images;

/// <summary>
/// The credential the compute host shows imagestore: a Keystone project-scoped token of the service
/// user (<c>Compute:ServiceUsername</c>), obtained with the password method and reused until one
/// minute before it expires (on the injected clock), or the fixed <c>Compute:ImageServiceToken</c>
/// when no service user is configured. The token is never logged.
/// </summary>
public sealed class ServiceTokenProvider(IHttpClientFactory httpClients, IOptions<ComputeOptions> options, TimeProvider timeProvider)
{
    /// <summary>Name of the <see cref="HttpClient"/> configuration used to reach identity.</summary>
    public const string ClientName = "identity";

    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _current;

    /// <summary>The token to send, or null for none.</summary>
    public async Task<string?> GetTokenAsync(Guid imageId, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.ServiceUsername.Length == 0)
        {
            return o.ImageServiceToken.Length > 0 ? o.ImageServiceToken : null;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } current && current.ExpiresAt - RenewBefore > timeProvider.GetUtcNow())
            {
                return current.Token;
            }

            _current = await IssueAsync(o, imageId, cancellationToken).ConfigureAwait(false);
            return _current.Value.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the cached token (imagestore refused it).</summary>
    public void Invalidate()
    {
        _gate.Wait();
        try
        {
            _current = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(string, DateTimeOffset)> IssueAsync(ComputeOptions o, Guid imageId, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray("password"),
                    ["password"] = new JsonObject
                    {
                        ["user"] = new JsonObject
                        {
                            ["name"] = o.ServiceUsername,
                            ["domain"] = new JsonObject { ["name"] = "Default" },
                            ["password"] = o.ServicePassword,
                        },
                    },
                },
                ["scope"] = new JsonObject
                {
                    ["project"] = new JsonObject { ["name"] = o.ServiceProject, ["domain"] = new JsonObject { ["name"] = "Default" } },
                },
            },
        };
        var url = new Uri(o.IdentityUrl.AbsoluteUri.TrimEnd('/') + "/auth/tokens");
        try
        {
            using var response = await httpClients.CreateClient(ClientName).PostAsJsonAsync(url, body, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Created || !response.Headers.TryGetValues("X-Subject-Token", out var tokens))
            {
                throw new ImageUnavailableException(imageId, $"the identity service refused the compute service user ({(int)response.StatusCode}).", retryable: true);
            }

            var json = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken).ConfigureAwait(false);
            var expiresAt = json?["token"]?["expires_at"]?.GetValue<string>() is { } text
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at
                : timeProvider.GetUtcNow().Add(RenewBefore);
            return (tokens.First(), expiresAt);
        }
        catch (HttpRequestException e)
        {
            throw new ImageUnavailableException(imageId, "the identity service could not be reached.", retryable: true, e);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ImageUnavailableException(imageId, "the identity service sent an unreadable token body.", retryable: true, e);
        }
    }
}
