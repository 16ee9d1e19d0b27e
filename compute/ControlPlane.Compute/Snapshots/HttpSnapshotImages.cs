using System.Net;
using System.Text.Json;
using ControlPlane.Compute.Images;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Snapshots;

/// <summary>
/// <see cref="ISnapshotImages"/> over the image API: <c>PUT {Compute:ImageApiUrl}/image/v2/images/{id}/file</c>
/// sent chunked while the driver writes, <c>GET .../images/{id}</c> and <c>DELETE .../images/{id}</c>, all authenticated with the
/// service user's token (<see cref="ServiceTokenProvider"/>, as image reads are).
/// </summary>
public sealed class HttpSnapshotImages(IHttpClientFactory httpClients, ServiceTokenProvider tokens, IOptions<ComputeOptions> options, ILogger<HttpSnapshotImages> logger)
    : ISnapshotImages
{
    private readonly ServiceTokenProvider _tokens = tokens;
    private readonly ILogger<HttpSnapshotImages> _logger = logger;

    /// <inheritdoc />
    public ISnapshotUpload CreateUpload(Guid imageId) => new Upload(this, imageId);

    /// <inheritdoc />
    public async Task<bool> IsActiveAsync(Guid imageId, CancellationToken cancellationToken)
    {
        using var request = await NewRequestAsync(HttpMethod.Get, ImagePath(imageId), imageId, cancellationToken).ConfigureAwait(false);
        using var response = await SendAsync(request, imageId, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new DriverOperationException($"Reading image {imageId}: the image service answered {(int)response.StatusCode}.");
        }
        using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        return body.RootElement.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String
            && status.GetString() == "active";
    }

    /// <inheritdoc />
    public async Task DeleteAsync(Guid imageId, CancellationToken cancellationToken)
    {
        using var request = await NewRequestAsync(HttpMethod.Delete, ImagePath(imageId), imageId, cancellationToken).ConfigureAwait(false);
        using var response = await SendAsync(request, imageId, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is not (HttpStatusCode.NoContent or HttpStatusCode.OK or HttpStatusCode.NotFound))
        {
            throw new DriverOperationException($"Deleting image {imageId}: the image service answered {(int)response.StatusCode}.");
        }
    }

    private static string ImagePath(Guid imageId) => "image/v2/images/" + imageId.ToString("D");

    private async Task<HttpRequestMessage> NewRequestAsync(HttpMethod method, string path, Guid imageId, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var baseUrl = o.ImageApiUrl.AbsoluteUri.EndsWith('/') ? o.ImageApiUrl : new Uri(o.ImageApiUrl.AbsoluteUri + "/");
        var request = new HttpRequestMessage(method, new Uri(baseUrl, path));
        if (await _tokens.GetTokenAsync(imageId, cancellationToken).ConfigureAwait(false) is { } token)
        {
            request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
        }
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, Guid imageId, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            return await httpClients.CreateClient(HttpImageSource.ClientName).SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new DriverOperationException($"Image {imageId}: the image service could not be reached ({e.Message}).", e);
        }
    }

    private sealed class Upload(HttpSnapshotImages owner, Guid imageId) : ISnapshotUpload
    {
        private int _used;

        public Guid ImageId => imageId;

        public async Task UploadAsync(Func<Stream, CancellationToken, Task> writeImage, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _used, 1) != 0)
            {
                throw new InvalidOperationException($"The upload of image {imageId} was already used.");
            }

            using var content = new StreamingUploadContent(writeImage);
            using var request = await owner.NewRequestAsync(HttpMethod.Put, ImagePath(imageId) + "/file", imageId, cancellationToken).ConfigureAwait(false);
            request.Content = content;
            request.Headers.TransferEncodingChunked = true;
            HttpResponseMessage response;
            try
            {
                response = await owner.SendAsync(request, imageId, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (content.WriterError is { } writerError)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(writerError);
                throw;
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    // The body cannot be replayed; forget the token so the next operation gets a fresh one.
                    owner._tokens.Invalidate();
                }
                if (response.StatusCode != HttpStatusCode.NoContent && !response.IsSuccessStatusCode)
                {
                    var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    throw new DriverOperationException(
                        $"Uploading image {imageId}: the image service answered {(int)response.StatusCode}: {Truncate(detail)}", retryable: false);
                }
            }
            owner._logger.Uploaded(imageId, content.BytesWritten);
        }

        private static string Truncate(string s) => s.Length <= 300 ? s : s[..300];
    }
}
