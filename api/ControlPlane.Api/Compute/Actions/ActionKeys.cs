namespace ControlPlane.Api.Compute.Actions;

/// <summary>The keys of the server actions registered as a <see cref="CastAction"/> (the request body's only member).</summary>
public static class ActionKeys
{
    /// <summary><c>os-stop</c>.</summary>
    public const string Stop = "os-stop";

    /// <summary><c>os-start</c>.</summary>
    public const string Start = "os-start";

    /// <summary><c>pause</c>.</summary>
    public const string Pause = "pause";

    /// <summary><c>unpause</c>.</summary>
    public const string Unpause = "unpause";

    /// <summary><c>suspend</c>.</summary>
    public const string Suspend = "suspend";

    /// <summary><c>resume</c>.</summary>
    public const string Resume = "resume";

    /// <summary><c>unrescue</c>.</summary>
    public const string Unrescue = "unrescue";
}
