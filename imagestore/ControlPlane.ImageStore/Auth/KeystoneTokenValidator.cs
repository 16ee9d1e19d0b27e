using System.Net;
using System.Security.Cryptography;
using System.Text;
using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Images;
using ControlPlane.ImageStore.Logging;
using ControlPlane.ImageStore.Options;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ControlPlane.ImageStore.Auth;

/// <summary>
/// Validates tokens the Keystone way: <c>GET {Identity:Url}/auth/tokens</c> with the token as
/// <c>X-Subject-Token</c> (and as <c>X-Auth-Token</c> unless a service token is configured).
/// Successful validations are cached for <see cref="IdentityOptions.CacheSeconds"/>, keyed by
/// the token's SHA-256 (the token itself is never kept).
/// </summary>
public sealed class KeystoneTokenValidator(
    HttpClient http,
    IMemoryCache cache,
    IOptions<IdentityOptions> options,
    TimeProvider timeProvider,
    ILogger<KeystoneTokenValidator> logger) : ITokenValidator
{
    /// <inheritdoc />
    public async Task<ImageCaller> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var key = "tok:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var now = timeProvider.GetUtcNow();
        if (cache.TryGetValue(key, out CachedValidation? cached) && cached is not null && cached.Until > now)
        {
            return cached.Token.Caller;
        }

        var validated = await FetchAsync(token, cancellationToken);
        if (validated.ExpiresAt <= now)
        {
            throw new NotAuthenticatedException("The request you have made requires authentication.");
        }
        var cacheSeconds = options.Value.CacheSeconds;
        if (cacheSeconds > 0)
        {
            // The entry's own deadline is checked against the injected clock; the cache's expiry
            // only evicts it eventually.
            var until = now.AddSeconds(cacheSeconds);
            cache.Set(key, new CachedValidation(validated, until < validated.ExpiresAt ? until : validated.ExpiresAt), new MemoryCacheEntryOptions
            {
                AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(cacheSeconds),
                Size = 1,
            });
        }
        return validated.Caller;
    }

    private async Task<ValidatedToken> FetchAsync(string token, CancellationToken cancellationToken)
    {
        var identity = options.Value;
        var url = identity.Url.TrimEnd('/') + "/auth/tokens";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("X-Auth-Token", identity.ServiceToken.Length > 0 ? identity.ServiceToken : token);
        request.Headers.TryAddWithoutValidation("X-Subject-Token", token);
        HttpResponseMessage response;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(identity.TimeoutSeconds));
            response = await http.SendAsync(request, timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            ImageStoreLog.IdentityUnavailable(logger, url, ex);
            throw new ServiceUnavailableException("The identity service could not validate the token.", ex);
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
            {
                ImageStoreLog.TokenRejected(logger, (int)response.StatusCode);
                throw new NotAuthenticatedException("The request you have made requires authentication.");
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new ServiceUnavailableException($"The identity service answered {(int)response.StatusCode} to a token validation.");
            }
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return KeystoneTokenParser.Parse(body);
        }
    }

    private sealed record CachedValidation(ValidatedToken Token, DateTimeOffset Until);
}
