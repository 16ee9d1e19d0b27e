using System.Net.Http.Headers;
using System.Text;
using ControlPlane.Api.IntegrationTests.Infrastructure;
using ControlPlane.Testing;
using Xunit.Abstractions;

namespace ControlPlane.Api.IntegrationTests.Hygiene;

/// <summary>
/// Sends NUL, lone surrogates, invalid UTF-8, non-printable and overlong strings to every string
/// field of every REST body and to every query and path parameter of the api, and asserts a 4xx
/// (never a 5xx) and that nothing was written. Against main before the text validation, 198 of its
/// 866 requests answered 500 (PostgreSQL 22021 for NUL; System.Text.Json refusing to transcode a lone
/// surrogate or invalid UTF-8) and 70 more were accepted (e.g. U+200B in a server name).
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Category", "Integration")]
public sealed class HostileTextFuzzTests(ApiHost api, ITestOutputHelper output)
{
    private const string Latest = "2.93";
    private const string Image = ApiClient.ActiveImage;

    /// <summary>(route, body template with @@, whether the field is of a printable format).</summary>
    private static readonly (string Method, string Path, string Template, bool Printable)[] BodyFields =
    [
        ("POST", "/servers", """{"server": {"name": @@, "flavorRef": "1", "imageRef": "IMG", "networks": "none"}}""", true),
        ("POST", "/servers", """{"server": {"name": "n", "flavorRef": @@, "imageRef": "IMG", "networks": "none"}}""", false),
        ("POST", "/servers", """{"server": {"name": "n", "flavorRef": "1", "imageRef": @@, "networks": "none"}}""", false),
        ("POST", "/servers", """{"server": {"name": "n", "flavorRef": "1", "imageRef": "IMG", "networks": @@}}""", false),
        ("POST", "/servers", """{"server": {"name": "n", "flavorRef": "1", "imageRef": "IMG", "networks": [{"uuid": @@}]}}""", false),
        ("POST", "/servers", """{"server": {"name": "n", "flavorRef": "1", "imageRef": "IMG", "networks": "none", "description": @@}}""", true),
        ("POST", "/servers", """{"server": {"name": "n", "flavorRef": "1", "imageRef": "IMG", "networks": "none", "metadata": {"k": @@}}}""", false),
        ("POST", "/servers", """{"server": {"name": "n", "flavorRef": "1", "imageRef": "IMG", "networks": "none", "metadata": {@@: "v"}}}""", true),
        ("POST", "/servers", """{"server": {"name": "n", "flavorRef": "1", "imageRef": "IMG", "networks": "none", "tags": [@@]}}""", false),
        ("POST", "/servers", """{"server": {"name": "n", "flavorRef": "1", "imageRef": "IMG", "networks": "none", "adminPass": @@}}""", false),
        ("POST", "/servers", """{"server": {"name": "n", "flavorRef": "1", "imageRef": "IMG", "networks": "none", "key_name": @@}}""", false),
        ("POST", "/servers", """{"server": {"name": "n", "flavorRef": "1", "imageRef": "IMG", "networks": "none", "availability_zone": @@}}""", false),
        ("POST", "/servers", """{"server": {"name": "n", "flavorRef": "1", "imageRef": "IMG", "networks": "none", "user_data": @@}}""", false),
        ("POST", "/servers", """{"server": {"name": "n", "flavorRef": "1", "imageRef": "IMG", "networks": "none", "hostname": @@}}""", true),
        ("POST", "/servers", """{"server": {"name": "n", "flavorRef": "1", "imageRef": "IMG", "networks": "none", "accessIPv4": @@}}""", false),
        ("POST", "/servers", """{"server": {"name": "n", "flavorRef": "1", "imageRef": "IMG", "networks": "none", "accessIPv6": @@}}""", false),
        ("POST", "/servers", """{"server": {"name": "n", "flavorRef": "1", "imageRef": "IMG", "networks": "none", "OS-DCF:diskConfig": @@}}""", false),
        ("POST", "/servers", """{"server": {"name": "n", "flavorRef": "1", "imageRef": "IMG", "networks": "none", "security_groups": [{"name": @@}]}}""", false),
        ("POST", "/servers", """{"server": {"name": "n", "flavorRef": "1", "imageRef": "IMG", "networks": "none"}, "os:scheduler_hints": {"group": @@}}""", false),
        ("PUT", "/servers/SID", """{"server": {"name": @@}}""", true),
        ("PUT", "/servers/SID", """{"server": {"description": @@}}""", true),
        ("PUT", "/servers/SID", """{"server": {"accessIPv4": @@}}""", false),
        ("PUT", "/servers/SID", """{"server": {"accessIPv6": @@}}""", false),
        ("PUT", "/servers/SID", """{"server": {"OS-DCF:diskConfig": @@}}""", false),
        ("POST", "/servers/SID/action", """{"createImage": {"name": @@}}""", true),
        ("POST", "/servers/SID/action", """{"createImage": {"name": "snap", "metadata": {"k": @@}}}""", false),
        ("POST", "/servers/SID/action", """{"createImage": {"name": "snap", "metadata": {@@: "v"}}}""", true),
        ("POST", "/servers/SID/action", """{"reboot": {"type": @@}}""", false),
        ("POST", "/servers/SID/action", """{@@: null}""", false),
        ("POST", "/os-keypairs", """{"keypair": {"name": @@}}""", true),
        ("POST", "/os-keypairs", """{"keypair": {"name": "k", "public_key": @@}}""", false),
        ("POST", "/os-keypairs", """{"keypair": {"name": "k", "type": @@}}""", false),
    ];

    private static readonly string[] IdentityFields =
    [
        """{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": @@, "domain": {"name": "Default"}, "password": "x"}}}}}""",
        """{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "admin", "domain": {"name": "Default"}, "password": @@}}}}}""",
        """{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "admin", "domain": {"name": @@}, "password": "x"}}}}}""",
        """{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "admin", "domain": {"id": @@}, "password": "x"}}}}}""",
        """{"auth": {"identity": {"methods": ["password"], "password": {"user": {"id": @@, "password": "x"}}}}}""",
        """{"auth": {"identity": {"methods": [@@], "password": {"user": {"id": "u", "password": "x"}}}}}""",
        """{"auth": {"identity": {"methods": ["token"], "token": {"id": @@}}}}""",
        """{"auth": {"identity": {"methods": ["password"], "password": {"user": {"id": "u", "password": "x"}}}, "scope": {"project": {"name": @@, "domain": {"name": "Default"}}}}}""",
        """{"auth": {"identity": {"methods": ["password"], "password": {"user": {"id": "u", "password": "x"}}}, "scope": {"project": {"id": @@}}}}""",
    ];

    /// <summary>(path, query parameters read there).</summary>
    private static readonly (string Path, string[] Params)[] QueryRoutes =
    [
        ("/servers", ["name", "status", "limit", "marker", "changes-since", "changes-before", "image", "flavor", "reservation_id", "locked", "all_tenants", "host", "user_id", "deleted", "project_id", "tenant_id", "ip", "ip6", "sort_key", "sort_dir", "unknown_filter"]),
        ("/servers/detail", ["name", "status", "limit", "marker", "changes-since", "changes-before", "image", "flavor", "reservation_id", "locked", "all_tenants", "host", "user_id", "deleted", "project_id", "tenant_id", "ip", "ip6", "sort_key", "sort_dir", "unknown_filter"]),
        ("/flavors", ["minRam", "minDisk", "is_public", "sort_key", "sort_dir", "limit", "marker"]),
        ("/flavors/detail", ["minRam", "minDisk", "is_public", "sort_key", "sort_dir", "limit", "marker"]),
        ("/images", ["name", "status", "server", "type", "changes-since", "minDisk", "minRam", "limit", "marker"]),
        ("/images/detail", ["name", "status", "server", "type", "changes-since", "minDisk", "minRam", "limit", "marker"]),
        ("/os-keypairs", ["user_id", "limit", "marker"]),
        ("/servers/SID/os-instance-actions", ["limit", "marker", "changes-since", "changes-before"]),
    ];

    private static readonly (string Method, string Path)[] PathParams =
    [
        ("GET", "/servers/@@"), ("PUT", "/servers/@@"), ("DELETE", "/servers/@@"), ("POST", "/servers/@@/action"),
        ("GET", "/servers/@@/os-instance-actions"), ("GET", "/servers/SID/os-instance-actions/@@"),
        ("GET", "/os-keypairs/@@"), ("DELETE", "/os-keypairs/@@"), ("GET", "/flavors/@@"), ("GET", "/flavors/@@/os-extra_specs"),
        ("GET", "/images/@@"), ("DELETE", "/images/@@"),
    ];

    [Fact]
    public async Task Hostile_strings_in_every_field_and_parameter_are_4xx_and_write_nothing()
    {
        using var client = await api.NewTenantAsync();
        var serverId = await client.CreateServerAsync("fuzz-target");
        var failures = new List<string>();
        var requests = 0;

        async Task Expect(string label, HttpRequestMessage request, bool mustRefuse = true)
        {
            requests++;
            request.Headers.TryAddWithoutValidation("X-Auth-Token", client.Token);
            request.Headers.TryAddWithoutValidation("OpenStack-API-Version", "compute " + Latest);
            using var response = await client.Http.SendAsync(request);
            var status = (int)response.StatusCode;
            if (status >= 500 || (mustRefuse && status < 400))
            {
                failures.Add($"{status} {label}: {Shorten(await response.Content.ReadAsStringAsync())}");
            }
        }

        foreach (var (method, path, template, printable) in BodyFields)
        {
            var url = "/compute/v2.1" + path.Replace("SID", serverId, StringComparison.Ordinal);
            var concrete = template.Replace("IMG", Image, StringComparison.Ordinal);
            foreach (var value in HostileText.Unstorable.Concat(printable ? HostileText.NonPrintable : []))
            {
                await Expect($"{method} {path} {template} <- {value.Label}", Json(method, url, HostileText.Body(concrete, value.JsonLiteral)));
            }
            foreach (var (label, bytes) in HostileText.InvalidUtf8)
            {
                await Expect($"{method} {path} {template} <- {label}", Raw(method, url, HostileText.BodyBytes(concrete, bytes)));
            }
        }
        foreach (var template in IdentityFields)
        {
            foreach (var value in HostileText.Unstorable)
            {
                await Expect($"POST /identity/v3/auth/tokens {template} <- {value.Label}", Json("POST", "/identity/v3/auth/tokens", HostileText.Body(template, value.JsonLiteral)));
            }
            foreach (var (label, bytes) in HostileText.InvalidUtf8)
            {
                await Expect($"POST /identity/v3/auth/tokens {template} <- {label}", Raw("POST", "/identity/v3/auth/tokens", HostileText.BodyBytes(template, bytes)));
            }
        }
        foreach (var (path, parameters) in QueryRoutes)
        {
            foreach (var parameter in parameters)
            {
                foreach (var (label, encoded, mustRefuse) in HostileText.Query)
                {
                    var url = "/compute/v2.1" + path.Replace("SID", serverId, StringComparison.Ordinal) + "?" + parameter + "=" + encoded;
                    await Expect($"GET {path}?{parameter} <- {label}", new HttpRequestMessage(HttpMethod.Get, url), mustRefuse);
                }
            }
            await Expect($"GET {path}?<NUL name>", new HttpRequestMessage(HttpMethod.Get, "/compute/v2.1" + path.Replace("SID", serverId, StringComparison.Ordinal) + "?a%00=1"));
        }
        foreach (var (method, path) in PathParams)
        {
            foreach (var (label, encoded, mustRefuse) in HostileText.Query)
            {
                var url = "/compute/v2.1" + path.Replace("SID", serverId, StringComparison.Ordinal).Replace("@@", encoded, StringComparison.Ordinal);
                var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "PUT" or "POST")
                {
                    request.Content = new StringContent("""{"server": {"name": "x"}}""", Encoding.UTF8, "application/json");
                }
                // A hostile path segment is refused or simply not found (404); never a 5xx.
                await Expect($"{method} {path} <- {label}", request, mustRefuse: false);
            }
        }

        var fields = BodyFields.Length + IdentityFields.Length;
        var queryParams = QueryRoutes.Sum(r => r.Params.Length + 1);
        output.WriteLine($"api: {fields} body fields, {queryParams} query parameters, {PathParams.Length} path parameters; {requests} requests");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} hostile requests were not refused cleanly:\n" + string.Join("\n", failures));

        Assert.Equal(1L, await api.CountInstancesAsync(client.ProjectId));
        Assert.Equal(0L, await api.ScalarAsync("SELECT count(*) FROM key_pairs WHERE user_id = @u", ("u", client.UserId)));
        Assert.Equal("fuzz-target", await api.ScalarAsync("SELECT display_name FROM instances WHERE id = @i", ("i", Guid.Parse(serverId))));
        Assert.Equal(1L, await api.ScalarAsync("SELECT count(*) FROM instance_actions WHERE instance_id = @i", ("i", Guid.Parse(serverId))));
    }

    private static HttpRequestMessage Json(string method, string url, string body) => Raw(method, url, Encoding.UTF8.GetBytes(body));

    private static HttpRequestMessage Raw(string method, string url, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(new HttpMethod(method), url) { Content = content };
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "...";
}
