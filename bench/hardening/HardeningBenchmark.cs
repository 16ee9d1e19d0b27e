using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ControlPlane.Bench.Hardening;

/// <summary>Runs the two measurements of <see cref="HardeningReport"/> against a running stack.</summary>
public sealed class HardeningBenchmark(HardeningOptions options)
{
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Measures and returns the report.</summary>
    public async Task<HardeningReport> RunAsync()
    {
        var started = TimeProvider.System.GetUtcNow();
        var (unknown, wrong) = await LoginsAsync();
        var token = await TokenAsync();
        var quiet = await ListSeriesAsync("GET /v2/images quiet", token, CancellationToken.None);
        var statuses = new ConcurrentDictionary<int, int>();
        using var stop = new CancellationTokenSource();
        var hostileSort = "v2/images?sort=" + string.Join(",", Enumerable.Repeat("name", options.SortKeys));
        var hostile = Enumerable.Range(0, options.HostileClients).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var status = await SendAsync(HttpMethod.Get, options.ImageUrl + "/" + hostileSort, token, null, stop.Token);
                if (status != 0)
                {
                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                }
            }
        })).ToList();
        var loaded = await ListSeriesAsync($"GET /v2/images under {options.HostileClients} x {options.SortKeys} sort keys", token, CancellationToken.None);
        stop.Cancel();
        await Task.WhenAll(hostile);
        var ready = (await http.GetAsync(options.ImageUrl + "/readyz")).StatusCode == HttpStatusCode.OK;
        return new HardeningReport(started, unknown, wrong, quiet, loaded, statuses.Values.Sum(), statuses.ToDictionary(), ready);
    }

    // NOTE(textauth): interleaved (unknown, wrong, unknown, ...) so drift in machine load hits both series alike.
    private async Task<(Samples Unknown, Samples Wrong)> LoginsAsync()
    {
        var unknown = new List<double>();
        var wrong = new List<double>();
        for (var i = -10; i < options.Logins; i++)
        {
            var a = await LoginMsAsync("bench-nobody-" + Guid.NewGuid().ToString("N")[..12], "wrong-" + i);
            var b = await LoginMsAsync(options.User, "wrong-" + i);
            if (i >= 0)
            {
                unknown.Add(a);
                wrong.Add(b);
            }
        }
        return (Samples.Of("login, unknown user", unknown), Samples.Of($"login, {options.User} with a wrong password", wrong));
    }

    private async Task<double> LoginMsAsync(string user, string password)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync(options.ApiUrl + "/identity/v3/auth/tokens", AuthBody(user, password));
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => elapsed,
            HttpStatusCode.TooManyRequests => throw new InvalidOperationException(
                "login was throttled (429): start the api with higher limits, see bench/hardening/README.md"),
            var other => throw new InvalidOperationException($"a failed login answered {(int)other}, expected 401"),
        };
    }

    private async Task<string> TokenAsync()
    {
        var body = AuthBody(options.User, options.Password, options.Project);
        using var response = await http.PostAsync(options.ApiUrl + "/identity/v3/auth/tokens", body);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("X-Subject-Token").Single();
    }

    private async Task<Samples> ListSeriesAsync(string name, string token, CancellationToken cancellationToken)
    {
        var samples = new List<double>(options.ListSamples);
        for (var i = -10; i < options.ListSamples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var status = await SendAsync(HttpMethod.Get, options.ImageUrl + "/v2/images?limit=25", token, null, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (status != 200)
            {
                throw new InvalidOperationException($"an ordinary image list answered {status}");
            }
            if (i >= 0)
            {
                samples.Add(elapsed);
            }
        }
        return Samples.Of(name, samples);
    }

    private async Task<int> SendAsync(HttpMethod method, string url, string token, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add("X-Auth-Token", token);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return (int)response.StatusCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (HttpRequestException)
        {
            return -1;
        }
    }

    private static StringContent AuthBody(string user, string password, string? project = null)
    {
        var identity = new JsonObject
        {
            ["methods"] = new JsonArray("password"),
            ["password"] = new JsonObject { ["user"] = new JsonObject { ["name"] = user, ["domain"] = new JsonObject { ["id"] = "default" }, ["password"] = password } },
        };
        var auth = new JsonObject { ["identity"] = identity };
        if (project is not null)
        {
            auth["scope"] = new JsonObject { ["project"] = new JsonObject { ["name"] = project, ["domain"] = new JsonObject { ["id"] = "default" } } };
        }
        return new StringContent(new JsonObject { ["auth"] = auth }.ToJsonString(), Encoding.UTF8, "application/json");
    }
}
