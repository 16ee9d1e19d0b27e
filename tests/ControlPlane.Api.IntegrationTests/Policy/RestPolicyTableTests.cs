using System.Text;
using System.Text.Json.Nodes;
using ControlPlane.Api.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace ControlPlane.Api.IntegrationTests.Policy;

/// <summary>Walks every REST route with a reader, a member, another project's member and an admin and compares with <see cref="RestPolicyTable"/>.</summary>
[Collection(ApiCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RestPolicyTableTests(ApiHost api)
{
    [Fact]
    public async Task Every_route_answers_each_caller_as_the_table_says()
    {
        await using var world = await PolicyWorld.CreateAsync(api);
        var mismatches = new List<string>();
        var cells = 0;
        foreach (var row in RestPolicyTable.Rows)
        {
            for (var i = 0; i < PolicyWorld.Callers.Count; i++)
            {
                var caller = PolicyWorld.Callers[i];
                var request = await row.Build(world, caller);
                var (status, body) = await SendAsync(world[caller].Http, row.Method, request);
                cells++;
                if (status != row.Expected[i])
                {
                    mismatches.Add($"{row.Method} {request.Path} as {caller}: {status}, expected {row.Expected[i]} {body}");
                }
                else if (status == 403 && request.Path.StartsWith("/compute", StringComparison.Ordinal))
                {
                    var forbidden = JsonNode.Parse(body)?["forbidden"];
                    if (forbidden?["code"]?.GetValue<int>() != 403 || forbidden["message"]?.GetValue<string>() is not { Length: > 0 })
                    {
                        mismatches.Add($"{row.Method} {request.Path} as {caller}: 403 without Nova's forbidden body: {body}");
                    }
                }
            }
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {cells} cells differ:\n" + string.Join("\n", mismatches));
    }

    [Fact]
    public async Task A_reader_gets_novas_policy_message_for_writes()
    {
        await using var world = await PolicyWorld.CreateAsync(api);
        var (status, body) = await SendAsync(world[Caller.Reader].Http, "PUT",
            new RestPolicyRequest("/compute/v2.1/servers/" + world.ServerId, """{"server": {"name": "x"}}"""));
        Assert.Equal(403, status);
        Assert.Equal("Policy doesn't allow os_compute_api:servers:update to be performed.", JsonNode.Parse(body)!["forbidden"]!["message"]!.GetValue<string>());
        var (_, server, _) = await world[Caller.Member].SendAsync(HttpMethod.Get, "/compute/v2.1/servers/" + world.ServerId);
        Assert.NotEqual("x", server!["server"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void The_table_covers_every_mapped_route()
    {
        var mapped = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => m + " " + e.RoutePattern.RawText))
            .Where(r => !r.Contains("/healthz", StringComparison.Ordinal) && !r.Contains("/readyz", StringComparison.Ordinal) && !r.Contains("/controlplane.v1.", StringComparison.Ordinal))
            .ToHashSet();
        var covered = RestPolicyTable.Rows.Select(r => r.Method + " " + r.Route).ToHashSet();
        Assert.Empty(mapped.Except(covered).Order());
        Assert.Empty(covered.Except(mapped).Order());
    }

    private static async Task<(int Status, string Body)> SendAsync(HttpClient http, string method, RestPolicyRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(method), request.Path);
        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8, "application/json");
        }
        message.Headers.Add("OpenStack-API-Version", "compute " + (request.Microversion ?? "2.1"));
        if (request.SubjectToken is not null)
        {
            message.Headers.Add("X-Subject-Token", request.SubjectToken);
        }
        using var response = await http.SendAsync(message);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
