using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Text;
using Microsoft.AspNetCore.Http;

namespace ControlPlane.Hosting.RequestText;

/// <summary>
/// Refuses, with a 400, a request whose decoded path, query parameter name or query value is not
/// <see cref="TextKind.Storable"/> text (a <c>%00</c>, an unpaired surrogate), before any handler
/// passes it to the database. Also bounds how many query parameters a request may carry. Register it
/// after the service's error translation middleware, which turns the <see cref="InvalidException"/>
/// into the service's error body.
/// </summary>
public sealed class RequestTextMiddleware(RequestDelegate next)
{
    /// <summary>Most query parameters (names, counting repeats) one request may carry.</summary>
    public const int MaxQueryValues = 100;

    /// <summary>Runs the check, then the rest of the pipeline.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        Check(context.Request);
        return next(context);
    }

    /// <summary>400 for the first path segment or query parameter that is not storable text.</summary>
    public static void Check(HttpRequest request)
    {
        if (request.Path.HasValue && TextRules.Problem(request.Path.Value, TextKind.Storable) is { } pathProblem)
        {
            throw new InvalidException($"Invalid request path: it {pathProblem}.");
        }
        var count = 0;
        foreach (var (key, values) in request.Query)
        {
            if (TextRules.Problem(key, TextKind.Storable) is { } keyProblem)
            {
                throw new InvalidException($"Invalid query parameter name: it {keyProblem}.");
            }
            foreach (var value in values)
            {
                if (++count > MaxQueryValues)
                {
                    throw new InvalidException($"Too many query parameters: at most {MaxQueryValues} are accepted.");
                }
                if (value is not null && TextRules.Problem(value, TextKind.Storable) is { } valueProblem)
                {
                    throw new InvalidException($"Invalid value of query parameter {Shorten(key)}: it {valueProblem}.");
                }
            }
        }
    }

    private static string Shorten(string key) => key.Length <= 40 ? key : key[..40] + "...";
}
