using ControlPlane.Api.IntegrationTests.Infrastructure;

namespace ControlPlane.Api.IntegrationTests.Compute;

/// <summary><c>/servers/{id}/metadata</c> and <c>/servers/{id}/tags</c> against the real database.</summary>
[Collection(ApiCollection.Name)]
[Trait("Category", "Integration")]
public sealed class MetadataAndTagsTests(ApiHost api)
{
    [Fact]
    public async Task Metadata_is_set_merged_shown_replaced_and_deleted_as_nova()
    {
        using var client = await api.NewTenantAsync();
        var id = await ActiveServerAsync(client);
        var path = $"/compute/v2.1/servers/{id}/metadata";

        Assert.Equal(200, (await client.SendAsync(HttpMethod.Put, path, """{"metadata": {"a": "1", "b": "2"}}""")).Status);
        var (merged, body, _) = await client.SendAsync(HttpMethod.Post, path, """{"metadata": {"b": "3", "c": "4"}}""");
        Assert.Equal(200, merged);
        Assert.Equal("""{"a":"1","b":"3","c":"4"}""", body!["metadata"]!.ToJsonString());
        Assert.Equal(200, (await client.SendAsync(HttpMethod.Post, path, """{"metadata": {}}""")).Status);
        var (_, one, _) = await client.SendAsync(HttpMethod.Put, path + "/d", """{"meta": {"d": "5"}}""");
        Assert.Equal("5", one!["meta"]!["d"]!.GetValue<string>());
        Assert.Equal("3", (await client.SendAsync(HttpMethod.Get, path + "/b")).Body!["meta"]!["b"]!.GetValue<string>());
        Assert.Equal(204, (await client.SendAsync(HttpMethod.Delete, path + "/a")).Status);
        Assert.Equal(404, (await client.SendAsync(HttpMethod.Get, path + "/a")).Status);
        Assert.Equal(404, (await client.SendAsync(HttpMethod.Delete, path + "/a")).Status);
        var (_, replaced, _) = await client.SendAsync(HttpMethod.Put, path, """{"metadata": {"only": "x"}}""");
        Assert.Equal("""{"only":"x"}""", replaced!["metadata"]!.ToJsonString());
        Assert.Equal("""{"only":"x"}""", (await client.SendAsync(HttpMethod.Get, path)).Body!["metadata"]!.ToJsonString());
    }

    [Theory]
    [InlineData("PUT", "", """{"meta": {"a": "b"}}""", 400)]
    [InlineData("PUT", "", """{"metadata": {"": "blank"}}""", 400)]
    [InlineData("POST", "", """{"metadata": {"k": 5}}""", 400)]
    [InlineData("POST", "", """{"metadata": ["k"]}""", 400)]
    [InlineData("POST", "", """{"metadata": {"k": "v"}, "extra": 1}""", 400)]
    [InlineData("PUT", "/a", """{"meta": {"b": "c"}}""", 400)]
    [InlineData("PUT", "/a", """{"meta": {"a": "c", "b": "d"}}""", 400)]
    [InlineData("PUT", "/a", """{"meta": {}}""", 400)]
    [InlineData("PUT", "/a", """{"metadata": {"a": "c"}}""", 400)]
    public async Task Bad_metadata_bodies_are_400_with_novas_body_and_nothing_is_written(string method, string suffix, string body, int expected)
    {
        using var client = await api.NewTenantAsync();
        var id = await ActiveServerAsync(client);

        var (status, response, _) = await client.SendAsync(new HttpMethod(method), $"/compute/v2.1/servers/{id}/metadata{suffix}", body);

        Assert.Equal(expected, status);
        Assert.Equal(expected, response!["badRequest"]!["code"]!.GetValue<int>());
        Assert.Equal("{}", await api.ScalarAsync("SELECT metadata::text FROM instances WHERE id = @i", ("i", Guid.Parse(id))));
    }

    [Fact]
    public async Task Over_long_keys_and_values_are_400_and_more_items_than_the_quota_403_with_nothing_written()
    {
        using var client = await api.NewTenantAsync();
        var id = await ActiveServerAsync(client);
        var path = $"/compute/v2.1/servers/{id}/metadata";
        Assert.Equal(200, (await client.SendAsync(HttpMethod.Put, path, """{"metadata": {"keep": "me"}}""")).Status);
        var many = "{\"metadata\": {" + string.Join(", ", Enumerable.Range(0, 128).Select(i => $"\"k{i}\": \"v\"")) + "}}";

        Assert.Equal(400, (await client.SendAsync(HttpMethod.Post, path, "{\"metadata\": {\"" + new string('k', 256) + "\": \"v\"}}")).Status);
        Assert.Equal(400, (await client.SendAsync(HttpMethod.Post, path, "{\"metadata\": {\"k\": \"" + new string('v', 256) + "\"}}")).Status);
        var (status, body, _) = await client.SendAsync(HttpMethod.Post, path, many);
        Assert.Equal(403, status);
        Assert.Equal("Maximum number of metadata items exceeds 128", body!["forbidden"]!["message"]!.GetValue<string>());
        Assert.Equal(200, (await client.SendAsync(HttpMethod.Put, path, many)).Status);
        Assert.Equal(403, (await client.SendAsync(HttpMethod.Put, path + "/extra", """{"meta": {"extra": "x"}}""")).Status);
        Assert.Equal(128L, await api.ScalarAsync("SELECT count(*) FROM instances, jsonb_object_keys(metadata) WHERE id = @i", ("i", Guid.Parse(id))));
    }

    [Fact]
    public async Task Metadata_of_a_building_or_locked_server_is_409_for_members_and_another_projects_server_404()
    {
        using var client = await api.NewTenantAsync();
        using var other = await api.NewTenantAsync();
        var building = await client.CreateServerAsync();
        var locked = await ActiveServerAsync(client);
        await api.ScalarAsync("UPDATE instances SET locked = true, locked_by = 'owner' WHERE id = @i", ("i", Guid.Parse(locked)));

        Assert.Equal(409, (await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{building}/metadata", """{"metadata": {"a": "b"}}""")).Status);
        var (status, body, _) = await client.SendAsync(HttpMethod.Put, $"/compute/v2.1/servers/{locked}/metadata/a", """{"meta": {"a": "b"}}""");
        Assert.Equal(409, status);
        Assert.Contains("is locked", body!["conflictingRequest"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(404, (await other.SendAsync(HttpMethod.Get, $"/compute/v2.1/servers/{locked}/metadata")).Status);
        Assert.Equal(404, (await client.SendAsync(HttpMethod.Get, $"/compute/v2.1/servers/{Guid.NewGuid()}/metadata")).Status);
        Assert.Equal("{}", await api.ScalarAsync("SELECT metadata::text FROM instances WHERE id = @i", ("i", Guid.Parse(locked))));
    }

    [Fact]
    public async Task Tags_are_added_checked_replaced_and_deleted_and_filter_the_server_list()
    {
        using var client = await api.NewTenantAsync();
        var id = await ActiveServerAsync(client);
        var plain = await ActiveServerAsync(client);
        var path = $"/compute/v2.1/servers/{id}/tags";
        var unique = "t" + Guid.NewGuid().ToString("N")[..8];

        Assert.Equal(404, (await client.SendAsync(HttpMethod.Get, path, null, "2.25")).Status);
        var (created, _, response) = await client.SendAsync(HttpMethod.Put, path + "/" + unique, null, "2.26");
        Assert.Equal(201, created);
        Assert.EndsWith($"/servers/{id}/tags/{unique}", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(204, (await client.SendAsync(HttpMethod.Put, path + "/" + unique, null, "2.26")).Status);
        Assert.Equal(204, (await client.SendAsync(HttpMethod.Get, path + "/" + unique, null, "2.26")).Status);
        Assert.Equal(404, (await client.SendAsync(HttpMethod.Get, path + "/other", null, "2.26")).Status);
        var (_, list, _) = await client.SendAsync(HttpMethod.Get, $"/compute/v2.1/servers?tags={unique}", null, "2.26");
        Assert.Equal([id], list!["servers"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
        var (_, notList, _) = await client.SendAsync(HttpMethod.Get, $"/compute/v2.1/servers?not-tags-any={unique}", null, "2.26");
        Assert.Contains(plain, notList!["servers"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
        Assert.DoesNotContain(id, notList["servers"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));

        var (_, replaced, _) = await client.SendAsync(HttpMethod.Put, path, """{"tags": ["x", "y", "x"]}""", "2.26");
        Assert.Equal("""["x","y"]""", replaced!["tags"]!.ToJsonString());
        Assert.Equal(204, (await client.SendAsync(HttpMethod.Delete, path + "/x", null, "2.26")).Status);
        Assert.Equal(404, (await client.SendAsync(HttpMethod.Delete, path + "/x", null, "2.26")).Status);
        Assert.Equal(204, (await client.SendAsync(HttpMethod.Delete, path, null, "2.26")).Status);
        Assert.Equal("[]", (await client.SendAsync(HttpMethod.Get, path, null, "2.26")).Body!["tags"]!.ToJsonString());
    }

    [Fact]
    public async Task Bad_tags_are_400_the_fifty_first_tag_400_and_nothing_is_written()
    {
        using var client = await api.NewTenantAsync();
        var id = await ActiveServerAsync(client);
        var path = $"/compute/v2.1/servers/{id}/tags";
        var fifty = "{\"tags\": [" + string.Join(", ", Enumerable.Range(0, 50).Select(i => $"\"t{i}\"")) + "]}";
        var fiftyOne = "{\"tags\": [" + string.Join(", ", Enumerable.Range(0, 51).Select(i => $"\"t{i}\"")) + "]}";

        Assert.Equal(400, (await client.SendAsync(HttpMethod.Put, path, fiftyOne, "2.26")).Status);
        Assert.Equal(400, (await client.SendAsync(HttpMethod.Put, path, """{"tags": ["a,b"]}""", "2.26")).Status);
        Assert.Equal(400, (await client.SendAsync(HttpMethod.Put, path, "{\"tags\": [\"" + new string('t', 61) + "\"]}", "2.26")).Status);
        Assert.Equal(400, (await client.SendAsync(HttpMethod.Put, path, """{"tags": [1]}""", "2.26")).Status);
        Assert.Equal(400, (await client.SendAsync(HttpMethod.Put, path, """{"tags": "t"}""", "2.26")).Status);
        Assert.Equal(400, (await client.SendAsync(HttpMethod.Put, path + "/" + new string('t', 61), null, "2.26")).Status);
        Assert.Equal(400, (await client.SendAsync(HttpMethod.Put, path + "/a%2Cb", null, "2.26")).Status);
        Assert.Equal("{}", await api.ScalarAsync("SELECT tags::text FROM instances WHERE id = @i", ("i", Guid.Parse(id))));

        Assert.Equal(200, (await client.SendAsync(HttpMethod.Put, path, fifty, "2.26")).Status);
        var (status, body, _) = await client.SendAsync(HttpMethod.Put, path + "/one-more", null, "2.26");
        Assert.Equal(400, status);
        Assert.Contains("per-server limit 50", body!["badRequest"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(50, (await client.SendAsync(HttpMethod.Get, path, null, "2.26")).Body!["tags"]!.AsArray().Count);
    }

    private async Task<string> ActiveServerAsync(ApiClient client)
    {
        var id = await client.CreateServerAsync();
        await api.ScalarAsync("UPDATE instances SET vm_state = 'active', task_state = NULL WHERE id = @i", ("i", Guid.Parse(id)));
        return id;
    }
}
