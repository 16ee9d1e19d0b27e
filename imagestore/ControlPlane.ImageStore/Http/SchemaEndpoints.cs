using System.Text.Json.Nodes;

namespace ControlPlane.ImageStore.Http;

/// <summary>
/// <c>GET /v2/schemas/image</c> and <c>/v2/schemas/images</c>: Glance's image entity schema
/// (the base schema glanceclient ships, the same 30 properties and
/// <c>additionalProperties: {"type": "string"}</c>) and the list schema built around it.
/// </summary>
public static class SchemaEndpoints
{
    private static readonly Lazy<string> ImageSchema = new(LoadImageSchema);
    private static readonly Lazy<string> ImagesSchema = new(() => BuildImagesSchema(ImageSchema.Value));

    /// <summary>Maps the schema routes on <paramref name="v2"/>.</summary>
    public static void MapSchemas(this RouteGroupBuilder v2)
    {
        v2.MapGet("/schemas/image", () => Results.Text(ImageSchema.Value, "application/json; charset=UTF-8"));
        v2.MapGet("/schemas/images", () => Results.Text(ImagesSchema.Value, "application/json; charset=UTF-8"));
        v2.MapGet("/schemas/member", () => Results.Text(MemberSchema.ToJsonString(), "application/json; charset=UTF-8"));
        v2.MapGet("/schemas/members", () => Results.Text(MembersSchema().ToJsonString(), "application/json; charset=UTF-8"));
    }

    private static JsonObject MemberSchema => new()
    {
        ["name"] = "member",
        ["properties"] = new JsonObject
        {
            ["created_at"] = new JsonObject { ["type"] = "string", ["description"] = "Date and time of image member creation" },
            ["image_id"] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = "An identifier for the image",
                ["pattern"] = "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$",
            },
            ["member_id"] = new JsonObject { ["type"] = "string", ["description"] = "An identifier for the image member (tenantId)" },
            ["status"] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = "The status of this image member",
                ["enum"] = new JsonArray("pending", "accepted", "rejected"),
            },
            ["updated_at"] = new JsonObject { ["type"] = "string", ["description"] = "Date and time of last modification of image member" },
            ["schema"] = new JsonObject { ["type"] = "string", ["readOnly"] = true },
        },
    };

    private static JsonObject MembersSchema() => new()
    {
        ["name"] = "members",
        ["properties"] = new JsonObject
        {
            ["members"] = new JsonObject { ["type"] = "array", ["items"] = MemberSchema },
            ["schema"] = new JsonObject { ["type"] = "string" },
        },
        ["links"] = new JsonArray(new JsonObject { ["rel"] = "describedby", ["href"] = "{schema}" }),
    };

    private static string LoadImageSchema()
    {
        using var stream = typeof(SchemaEndpoints).Assembly.GetManifestResourceStream("imagestore.schemas.image.json")
            ?? throw new InvalidOperationException("Embedded resource imagestore.schemas.image.json is missing.");
        using var reader = new StreamReader(stream);
        return JsonNode.Parse(reader.ReadToEnd())!.ToJsonString();
    }

    private static string BuildImagesSchema(string imageSchema)
    {
        var schema = new JsonObject
        {
            ["name"] = "images",
            ["properties"] = new JsonObject
            {
                ["images"] = new JsonObject { ["type"] = "array", ["items"] = JsonNode.Parse(imageSchema) },
                ["schema"] = new JsonObject { ["type"] = "string" },
                ["first"] = new JsonObject { ["type"] = "string" },
                ["next"] = new JsonObject { ["type"] = "string" },
            },
            ["links"] = new JsonArray(
                new JsonObject { ["rel"] = "first", ["href"] = "{first}" },
                new JsonObject { ["rel"] = "next", ["href"] = "{next}" },
                new JsonObject { ["rel"] = "describedby", ["href"] = "{schema}" }),
        };
        return schema.ToJsonString();
    }
}
