namespace ControlPlane.Api.IntegrationTests.Policy;

/// <summary>One REST request of the policy table and the status each caller must get (Reader, Member, OtherMember, Admin).</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Route">The route pattern it exercises (as mapped), for the coverage check.</param>
/// <param name="Build">Builds the request for a caller (fresh objects for destructive rows).</param>
/// <param name="Expected">Statuses for Reader, Member, OtherMember, Admin.</param>
public sealed record RestPolicyRow(string Method, string Route, Func<PolicyWorld, Caller, Task<RestPolicyRequest>> Build, int[] Expected);

/// <summary>A request of a row.</summary>
/// <param name="Path">Path and query.</param>
/// <param name="Body">JSON body.</param>
/// <param name="Microversion">Compute microversion (default 2.1).</param>
/// <param name="SubjectToken">X-Subject-Token (identity rows).</param>
public sealed record RestPolicyRequest(string Path, string? Body = null, string? Microversion = null, string? SubjectToken = null);

/// <summary>The expected table: every REST route of the api with the four callers (Nova's and Keystone's default rules).</summary>
public static class RestPolicyTable
{
    private const string V = "/compute/v2.1";
    private const string Image = "aaaaaaaa-0000-4000-8000-000000000001";

    private static readonly int[] All200 = [200, 200, 200, 200];


    public static readonly IReadOnlyList<RestPolicyRow> Rows =
    [
        // Version documents: public.
        Row("GET", "/compute", (_, _) => Req("/compute"), All200),
        Row("GET", "/compute/v2.1", (_, _) => Req(V + "/"), All200),
        Row("GET", "/identity/", (_, _) => Req("/identity/"), [300, 300, 300, 300]),
        Row("GET", "/identity/v3", (_, _) => Req("/identity/v3"), All200),

        // Flavors: readers read.
        Row("GET", V + "/flavors", (_, _) => Req(V + "/flavors"), All200),
        Row("GET", V + "/flavors/detail", (_, _) => Req(V + "/flavors/detail"), All200),
        Row("GET", V + "/flavors/{id}", (_, _) => Req(V + "/flavors/1"), All200),
        Row("GET", V + "/flavors/{id}/os-extra_specs", (_, _) => Req(V + "/flavors/1/os-extra_specs"), All200),

        // Servers: readers read, members write their project's, another project's server is 404, admin everything.
        Row("GET", V + "/servers", (_, _) => Req(V + "/servers"), All200),
        Row("GET", V + "/servers/detail", (_, _) => Req(V + "/servers/detail"), All200),
        Row("GET", V + "/servers/detail", (_, _) => Req(V + "/servers/detail?all_tenants=1"), [403, 403, 403, 200]),
        Row("GET", V + "/servers", (_, _) => Req(V + "/servers?status=DELETED"), [403, 403, 403, 200]),
        Row("GET", V + "/servers/{id}", (w, _) => Req(V + "/servers/" + w.ServerId), [200, 200, 404, 200]),
        Row("POST", V + "/servers", (_, _) => Req(V + "/servers",
            $$$"""{"server": {"name": "policy-{{{Guid.NewGuid():N}}}", "flavorRef": "1", "imageRef": "{{{Image}}}"}}"""), [403, 202, 202, 202]),
        Row("PUT", V + "/servers/{id}", (w, _) => Req(V + "/servers/" + w.ServerId, """{"server": {"name": "renamed"}}"""), [403, 200, 404, 200]),
        Row("DELETE", V + "/servers/{id}", async (w, _) => Req(V + "/servers/" + await w.FreshServerAsync()), [403, 204, 404, 204]),
        Row("GET", V + "/servers/{id}/os-instance-actions", (w, _) => Req($"{V}/servers/{w.ServerId}/os-instance-actions"), [200, 200, 404, 200]),
        Row("GET", V + "/servers/{id}/os-instance-actions/{requestId}",
            (w, _) => Req($"{V}/servers/{w.ServerId}/os-instance-actions/{w.RequestId}"), [200, 200, 404, 200]),

        // Server actions: the route's floor (member or admin); the operation runner applies each action's rule.
        // S is still building, so an allowed stop is refused by its state (409), as Nova checks policy first.
        Row("POST", V + "/servers/{id}/action", (w, _) => Req($"{V}/servers/{w.ServerId}/action", """{"os-stop": null}"""), [403, 409, 404, 409]),
        // shelveOffload is admin-only (Nova's default): the member is refused by the rule before the state check.
        Row("POST", V + "/servers/{id}/action", (w, _) => Req($"{V}/servers/{w.ServerId}/action", """{"shelveOffload": null}"""), [403, 403, 404, 409]),
        Row("POST", V + "/servers/{id}/action", (w, _) => Req($"{V}/servers/{w.ServerId}/action", """{"unshelve": null}"""), [403, 409, 404, 409]),
        // Consoles: the route's rule, then the runner's state check (S is still building: 409).
        Row("POST", V + "/servers/{id}/remote-consoles", (w, _) => Req($"{V}/servers/{w.ServerId}/remote-consoles",
            """{"remote_console": {"protocol": "vnc", "type": "novnc"}}""", "2.6"), [403, 409, 404, 409]),
        Row("GET", V + "/os-console-auth-tokens/{token}", (_, _) => Req(V + "/os-console-auth-tokens/" + Guid.NewGuid().ToString("N"), null, "2.31"),
            [403, 403, 403, 404]),

        // Migrations (issue 9): admin only.
        Row("GET", V + "/os-migrations", (_, _) => Req(V + "/os-migrations?migration_type=resize&host=" + Guid.NewGuid().ToString("N")), [403, 403, 403, 200]),
        // Server metadata and tags (2.26): readers read; writes need member (S is still building: 409 after the rule).
        Row("GET", V + "/servers/{id}/metadata", (w, _) => Req($"{V}/servers/{w.ServerId}/metadata"), [200, 200, 404, 200]),
        Row("POST", V + "/servers/{id}/metadata", (w, _) => Req($"{V}/servers/{w.ServerId}/metadata", """{"metadata": {"a": "b"}}"""), [403, 409, 404, 409]),
        Row("PUT", V + "/servers/{id}/metadata", (w, _) => Req($"{V}/servers/{w.ServerId}/metadata", """{"metadata": {"a": "b"}}"""), [403, 409, 404, 409]),
        Row("GET", V + "/servers/{id}/metadata/{key}", (w, _) => Req($"{V}/servers/{w.ServerId}/metadata/missing"), [404, 404, 404, 404]),
        Row("PUT", V + "/servers/{id}/metadata/{key}", (w, _) => Req($"{V}/servers/{w.ServerId}/metadata/a", """{"meta": {"a": "b"}}"""), [403, 409, 404, 409]),
        Row("DELETE", V + "/servers/{id}/metadata/{key}", (w, _) => Req($"{V}/servers/{w.ServerId}/metadata/missing"), [403, 404, 404, 404]),
        Row("GET", V + "/servers/{id}/tags", (w, _) => Req($"{V}/servers/{w.ServerId}/tags", null, "2.26"), [200, 200, 404, 200]),
        Row("PUT", V + "/servers/{id}/tags", (w, _) => Req($"{V}/servers/{w.ServerId}/tags", """{"tags": ["t"]}""", "2.26"), [403, 409, 404, 409]),
        Row("DELETE", V + "/servers/{id}/tags", (w, _) => Req($"{V}/servers/{w.ServerId}/tags", null, "2.26"), [403, 409, 404, 409]),
        Row("GET", V + "/servers/{id}/tags/{tag}", (w, _) => Req($"{V}/servers/{w.ServerId}/tags/t", null, "2.26"), [404, 404, 404, 404]),
        Row("PUT", V + "/servers/{id}/tags/{tag}", (w, _) => Req($"{V}/servers/{w.ServerId}/tags/t", null, "2.26"), [403, 409, 404, 409]),
        Row("DELETE", V + "/servers/{id}/tags/{tag}", (w, _) => Req($"{V}/servers/{w.ServerId}/tags/t", null, "2.26"), [403, 409, 404, 409]),

        // Key pairs: per user; readers may read their own, not write.
        Row("POST", V + "/os-keypairs", (_, _) => Req(V + "/os-keypairs", $$$"""{"keypair": {"name": "kp-{{{Guid.NewGuid():N}}}"}}"""), [403, 200, 200, 200]),
        Row("GET", V + "/os-keypairs", (_, _) => Req(V + "/os-keypairs"), All200),
        Row("GET", V + "/os-keypairs/{name}", (w, _) => Req(V + "/os-keypairs/" + w.KeyPair), [404, 200, 404, 404]),
        Row("DELETE", V + "/os-keypairs/{name}", async (w, _) => Req(V + "/os-keypairs/" + await w.FreshKeyPairAsync()), [403, 202, 404, 404]),

        // Server groups: readers read, members write their project's; another project's group is 404; all_projects is admin's (others get their own).
        Row("POST", V + "/os-server-groups", (_, _) => Req(V + "/os-server-groups",
            $$$"""{"server_group": {"name": "sg-{{{Guid.NewGuid():N}}}", "policies": ["affinity"]}}"""), [403, 200, 200, 200]),
        Row("GET", V + "/os-server-groups", (_, _) => Req(V + "/os-server-groups"), All200),
        Row("GET", V + "/os-server-groups", (_, _) => Req(V + "/os-server-groups?all_projects=True"), All200),
        Row("GET", V + "/os-server-groups/{id}", (w, _) => Req(V + "/os-server-groups/" + w.ServerGroup), [200, 200, 404, 200]),
        Row("DELETE", V + "/os-server-groups/{id}", async (w, _) => Req(V + "/os-server-groups/" + await w.FreshServerGroupAsync()), [403, 204, 404, 204]),

        // Image proxy (below 2.36): reads for readers; delete needs member (the image service decides the rest).
        Row("GET", V + "/images", (_, _) => Req(V + "/images"), All200),
        Row("GET", V + "/images/detail", (_, _) => Req(V + "/images/detail"), All200),
        Row("GET", V + "/images/{id}", (_, _) => Req(V + "/images/" + Image), All200),
        Row("DELETE", V + "/images/{id}", (_, _) => Req(V + "/images/" + Image), [403, 204, 204, 204]),
        Row("DELETE", V + "/images", (_, _) => Req(V + "/images"), [403, 404, 404, 404]),

        // Image metadata proxy (below 2.39): reads for readers; writes need member (the image service decides the rest).
        Row("GET", V + "/images/{id}/metadata", (_, _) => Req(V + "/images/" + Image + "/metadata"), All200),
        Row("POST", V + "/images/{id}/metadata", (_, _) => Req(V + "/images/" + Image + "/metadata", """{"metadata": {"a": "b"}}"""), [403, 200, 200, 200]),
        Row("PUT", V + "/images/{id}/metadata", (_, _) => Req(V + "/images/" + Image + "/metadata", """{"metadata": {"a": "b"}}"""), [403, 200, 200, 200]),
        Row("GET", V + "/images/{id}/metadata/{key}", (_, _) => Req(V + "/images/" + Image + "/metadata/missing"), [404, 404, 404, 404]),
        Row("PUT", V + "/images/{id}/metadata/{key}", (_, _) => Req(V + "/images/" + Image + "/metadata/a", """{"meta": {"a": "b"}}"""), [403, 200, 200, 200]),
        Row("DELETE", V + "/images/{id}/metadata/{key}", (_, _) => Req(V + "/images/" + Image + "/metadata/missing"), [403, 404, 404, 404]),

        // Identity: any user issues and inspects or revokes its own tokens; only admins touch others' (P's member's here).
        Row("POST", "/identity/v3/auth/tokens", (w, c) => Req("/identity/v3/auth/tokens", w.TokenLoginBody(c)), [201, 201, 201, 201]),
        Row("GET", "/identity/v3/auth/tokens", (w, _) => Subject(w[Caller.Member].Token), [403, 200, 403, 200]),
        Row("HEAD", "/identity/v3/auth/tokens", (w, _) => Subject(w[Caller.Member].Token), [403, 200, 403, 200]),
        Row("DELETE", "/identity/v3/auth/tokens", async (w, _) => Subject(await w.FreshTokenAsync(Caller.Member)), [403, 204, 403, 204]),
    ];

    private static RestPolicyRow Row(string method, string route, Func<PolicyWorld, Caller, RestPolicyRequest> build, int[] expected) =>
        new(method, route, (w, c) => Task.FromResult(build(w, c)), expected);

    private static RestPolicyRow Row(string method, string route, Func<PolicyWorld, Caller, Task<RestPolicyRequest>> build, int[] expected) =>
        new(method, route, build, expected);

    private static RestPolicyRequest Req(string path, string? body = null, string? microversion = null) => new(path, body, microversion);

    private static RestPolicyRequest Subject(string token) => new("/identity/v3/auth/tokens", SubjectToken: token);
}
