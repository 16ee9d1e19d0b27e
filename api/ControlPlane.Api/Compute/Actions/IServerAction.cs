using System.Text.Json;

namespace ControlPlane.Api.Compute.Actions;

/// <summary>
/// One server action of <c>POST /servers/{id}/action</c>, registered by its key (see
/// <see cref="ServerActionServiceCollectionExtensions.AddServerAction{TAction}"/>): parses the action's JSON
/// value into a <see cref="ServerActionCall"/> that names its operation definition and builds its cast.
/// The <see cref="ServerActionRunner"/> does everything else (load, policy, lock, host, states, driver
/// feature, compare-and-set plus action row, revert when the cast fails).
/// </summary>
public interface IServerAction
{
    /// <summary>The action key in the request body, e.g. <c>os-stop</c>, <c>reboot</c>, <c>createImage</c>.</summary>
    string Key { get; }

    /// <summary>Parses the action's value (400 naming the problem when invalid); nothing is read or written yet.</summary>
    ServerActionCall Parse(JsonElement value);

    /// <summary>The REST answer once the call has been cast: Nova's 202 with an empty body unless the action says otherwise.</summary>
    IResult Respond(HttpContext context, ServerActionCall call) => Results.StatusCode(StatusCodes.Status202Accepted);
}
