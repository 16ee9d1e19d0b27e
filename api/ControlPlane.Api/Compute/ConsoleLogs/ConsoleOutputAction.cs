using System.Text.Json;
using System.Text.Json.Nodes;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.Consoles;
using ControlPlane.Compute.Rpc;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Compute.ConsoleLogs;

/// <summary>
/// <c>os-getConsoleOutput</c> of <c>POST /servers/{id}/action</c> (Nova's <c>console_output.py</c>): body
/// <c>{"os-getConsoleOutput": {"length": 50}}</c>, answer 200 <c>{"output": "..."}</c>. 409 for a server without a host
/// or whose host keeps no console log, 404 when the hypervisor has no VM for it.
/// </summary>
public sealed class ConsoleOutputAction(ComputeRpcClient compute, IOptions<ConsoleOptions> options) : IServerAction
{
    /// <summary>The action key.</summary>
    public const string Name = "os-getConsoleOutput";

    /// <inheritdoc />
    public string Key => Name;

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value) => Call(ConsoleOutputRequestParser.Parse(value));

    /// <summary>The call for an already validated length (the gRPC API's entry; null = the whole log).</summary>
    public ConsoleOutputCall Call(int? length) => new(length, compute, options.Value.ComputeCallTimeout);

    /// <inheritdoc />
    public IResult Respond(HttpContext context, ServerActionCall call) =>
        Results.Json(new JsonObject { ["output"] = ((ConsoleOutputCall)call).Output }, statusCode: StatusCodes.Status200OK);
}
