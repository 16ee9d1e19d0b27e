using System.Net.Http.Headers;
using System.Text;
using ControlPlane.ImageStore.IntegrationTests.Infrastructure;
using ControlPlane.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace ControlPlane.ImageStore.IntegrationTests.Hygiene;

/// <summary>
/// Sends NUL, lone surrogates, invalid UTF-8, non-printable and overlong strings to every string
/// field of every body and to every query and path parameter of the image API, and asserts a 4xx
/// (never a 5xx) and that nothing was written. Against main before the text validation, 102 of its
/// 333 requests answered 500.
/// </summary>
[Collection(ImageStoreCollection.Name)]
[Trait("Category", "Integration")]
public sealed class HostileTextFuzzTests(ImageStoreFixture fixture, ITestOutputHelper output)
{
    private const string V21 = "application/openstack-images-v2.1-json-patch";
    private const string V20 = "application/openstack-images-v2.0-json-patch";

    /// <summary>(method, path, media type, body template with @@, whether the field is printable-only).</summary>
    private static readonly (string Method, string Path, string MediaType, string Template, bool Printable)[] BodyFields =
    [
        ("POST", "v2/images", "application/json", """{"name": @@, "container_format": "bare", "disk_format": "raw"}""", true),
        ("POST", "v2/images", "application/json", """{"name": "n", "container_format": @@, "disk_format": "raw"}""", false),
        ("POST", "v2/images", "application/json", """{"name": "n", "container_format": "bare", "disk_format": @@}""", false),
        ("POST", "v2/images", "application/json", """{"name": "n", "visibility": @@}""", false),
        ("POST", "v2/images", "application/json", """{"name": "n", "id": @@}""", false),
        ("POST", "v2/images", "application/json", """{"name": "n", "owner": @@}""", false),
        ("POST", "v2/images", "application/json", """{"name": "n", "tags": [@@]}""", true),
        ("POST", "v2/images", "application/json", """{"name": "n", "os_distro": @@}""", false),
        ("POST", "v2/images", "application/json", """{"name": "n", @@: "v"}""", false),
        ("POST", "v2/images", "application/json", """{"name": "n", "kernel_id": @@}""", false),
        ("PATCH", "v2/images/IID", V21, """[{"op": "replace", "path": "/name", "value": @@}]""", true),
        ("PATCH", "v2/images/IID", V21, """[{"op": "add", "path": "/os_distro", "value": @@}]""", false),
        ("PATCH", "v2/images/IID", V21, """[{"op": "add", "path": "/tags", "value": [@@]}]""", true),
        ("PATCH", "v2/images/IID", V21, """[{"op": "add", "path": @@, "value": "v"}]""", false),
        ("PATCH", "v2/images/IID", V21, """[{"op": @@, "path": "/name", "value": "v"}]""", false),
        ("PATCH", "v2/images/IID", V20, """[{"replace": @@, "value": "v"}]""", false),
        ("PATCH", "v2/images/IID", V20, """[{"add": ["x"], "value": @@}]""", false),
        ("POST", "v2/images/IID/members", "application/json", """{"member": @@}""", false),
        ("PUT", "v2/images/IID/members/MEMBER", "application/json", """{"status": @@}""", false),
    ];

    private static readonly string[] ListParams =
    [
        "name", "status", "visibility", "owner", "container_format", "disk_format", "checksum", "tag", "member_status",
        "sort", "sort_key", "sort_dir", "marker", "limit", "size_min", "size_max", "size", "min_ram", "min_disk",
        "os_hidden", "protected", "os_distro",
    ];

    private static readonly (string Method, string Path)[] PathParams =
    [
        ("GET", "v2/images/@@"), ("DELETE", "v2/images/@@"), ("PATCH", "v2/images/@@"), ("GET", "v2/images/@@/file"),
        ("PUT", "v2/images/IID/tags/@@"), ("DELETE", "v2/images/IID/tags/@@"), ("GET", "v2/images/IID/members/@@"),
        ("PUT", "v2/images/IID/members/@@"), ("DELETE", "v2/images/IID/members/@@"), ("POST", "v2/images/@@/actions/deactivate"),
        ("GET", "v2/images/@@/members"),
    ];

    [Fact]
    public async Task Hostile_strings_in_every_field_and_parameter_are_4xx_and_write_nothing()
    {
        var project = ImageStoreFixture.NewProject();
        var member = ImageStoreFixture.NewProject();
        using var client = fixture.ClientFor(project);
        var image = await client.CreateImageAsync("fuzz-target", ""","visibility":"shared","tags":["t"]""");
        using (var add = await client.Http.PostAsync($"v2/images/{image}/members", new StringContent($$"""{"member": "{{member}}"}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, add.StatusCode);
        }
        var failures = new List<string>();
        var requests = 0;

        async Task Expect(string label, HttpRequestMessage request, bool mustRefuse = true)
        {
            requests++;
            using var response = await client.Http.SendAsync(request);
            var status = (int)response.StatusCode;
            if (status >= 500 || (mustRefuse && status < 400))
            {
                failures.Add($"{status} {label}: {Shorten(await response.Content.ReadAsStringAsync())}");
            }
        }

        string Concrete(string path) => path.Replace("IID", image.ToString("D"), StringComparison.Ordinal).Replace("MEMBER", member, StringComparison.Ordinal);

        foreach (var (method, path, mediaType, template, printable) in BodyFields)
        {
            foreach (var value in HostileText.Unstorable.Concat(printable ? HostileText.NonPrintable.Where(v => !v.Label.StartsWith("newline", StringComparison.Ordinal)) : []))
            {
                await Expect($"{method} {path} {template} <- {value.Label}", Body(method, Concrete(path), mediaType, Encoding.UTF8.GetBytes(HostileText.Body(template, value.JsonLiteral))));
            }
            foreach (var (label, bytes) in HostileText.InvalidUtf8)
            {
                await Expect($"{method} {path} {template} <- {label}", Body(method, Concrete(path), mediaType, HostileText.BodyBytes(template, bytes)));
            }
        }
        foreach (var parameter in ListParams)
        {
            foreach (var (label, encoded, mustRefuse) in HostileText.Query)
            {
                await Expect($"GET v2/images?{parameter} <- {label}", new HttpRequestMessage(HttpMethod.Get, $"v2/images?{parameter}={encoded}"), mustRefuse);
            }
        }
        await Expect("GET v2/images?<NUL name>", new HttpRequestMessage(HttpMethod.Get, "v2/images?a%00=1"));
        foreach (var (method, path) in PathParams)
        {
            foreach (var (label, encoded, _) in HostileText.Query)
            {
                var request = new HttpRequestMessage(new HttpMethod(method), Concrete(path).Replace("@@", encoded, StringComparison.Ordinal));
                if (method is "PATCH" or "PUT")
                {
                    request.Content = new StringContent(method == "PATCH" ? "[]" : """{"status": "accepted"}""", Encoding.UTF8);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue(method == "PATCH" ? V21 : "application/json");
                }
                await Expect($"{method} {path} <- {label}", request, mustRefuse: false);
            }
        }

        output.WriteLine($"imagestore: {BodyFields.Length} body fields, {ListParams.Length + 1} query parameters, {PathParams.Length} path parameters; {requests} requests");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} hostile requests were not refused cleanly:\n" + string.Join("\n", failures));

        await using var db = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var count = db.CreateCommand("SELECT count(*), min(name), min(array_length(tags, 1)), min(jsonb_typeof(properties)) FROM images WHERE owner = @o");
        count.Parameters.AddWithValue("o", project);
        await using var reader = await count.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(1L, reader.GetInt64(0));
        Assert.Equal("fuzz-target", reader.GetString(1));
        Assert.Equal(1, reader.GetInt32(2));
        var (_, shown) = await client.GetJsonAsync($"v2/images/{image}");
        Assert.Null(shown!["os_distro"]);
        await using var members = db.CreateCommand("SELECT count(*) FROM image_members WHERE image_id = @i");
        members.Parameters.AddWithValue("i", image);
        Assert.Equal(1L, (long)(await members.ExecuteScalarAsync())!);
    }

    private static HttpRequestMessage Body(string method, string path, string mediaType, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "...";
}
