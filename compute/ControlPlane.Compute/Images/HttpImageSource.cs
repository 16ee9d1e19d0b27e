using System.Net;
using System.Net.Http.Headers;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Images;

/// <summary>
/// Reads image bits from the image API (imagestore): <c>GET {Compute:ImageApiUrl}/image/v2/images/{id}/file</c>,
/// streamed (headers first, body read as the driver consumes it), authenticated as
/// <c>X-Auth-Token</c> with the credential of <see cref="ServiceTokenProvider"/> (renewed once when
/// imagestore answers 401).
/// </summary>
public sealed class HttpImageSource(IHttpClientFactory httpClients, ServiceTokenProvider tokens, IOptions<ComputeOptions> options) : IImageSource
{
    /// <summary>Name of the <see cref="HttpClient"/> configuration this source uses.</summary>
    public const string ClientName = "imagestore";

    /// <summary>Path of an image's data relative to <c>Compute:ImageApiUrl</c>.</summary>
    public static string FilePath(Guid imageId) => "image/v2/images/" + imageId.ToString("D") + "/file";

    /// <inheritdoc />
    public async Task<Stream> OpenReadAsync(Guid imageId, CancellationToken cancellationToken)
    {
        var response = await SendAsync(imageId, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            // The cached service token may have been revoked or expired early: renew it once.
            response.Dispose();
            tokens.Invalidate();
            response = await SendAsync(imageId, cancellationToken).ConfigureAwait(false);
        }

        if (response.StatusCode == HttpStatusCode.OK)
        {
            return await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }

        using (response)
        {
            throw response.StatusCode switch
            {
                HttpStatusCode.NoContent => new ImageUnavailableException(imageId, "the image has no data.", retryable: false),
                HttpStatusCode.NotFound => new ImageUnavailableException(imageId, "the image does not exist.", retryable: false),
                HttpStatusCode.Conflict => new ImageUnavailableException(imageId, "the image is not active.", retryable: false),
                _ => new ImageUnavailableException(imageId, $"the image service answered {(int)response.StatusCode}.", retryable: true),
            };
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Guid imageId, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var baseUrl = o.ImageApiUrl.AbsoluteUri.EndsWith('/') ? o.ImageApiUrl : new Uri(o.ImageApiUrl.AbsoluteUri + "/");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, FilePath(imageId)));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/octet-stream"));
        if (await tokens.GetTokenAsync(imageId, cancellationToken).ConfigureAwait(false) is { } token)
        {
            request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
        }

        try
        {
            return await httpClients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ImageUnavailableException(imageId, "the image service could not be reached.", retryable: true, e);
        }
    }
}
