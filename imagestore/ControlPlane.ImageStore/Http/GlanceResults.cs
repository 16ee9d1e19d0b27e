using System.Text.Json;
using System.Text.Json.Nodes;

namespace ControlPlane.ImageStore.Http;

/// <summary>JSON responses with Glance's content type.</summary>
public static class GlanceResults
{
    /// <summary>A JSON body with <paramref name="status"/>.</summary>
    public static IResult Json(JsonNode body, int status = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(JsonSerializerOptions.Default), "application/json; charset=UTF-8", System.Text.Encoding.UTF8, status);
}
