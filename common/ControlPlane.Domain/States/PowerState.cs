namespace ControlPlane.Domain.States;

/// <summary>Nova's numeric power states, as shown in <c>OS-EXT-STS:power_state</c>.</summary>
public enum PowerState
{
    NoState = 0,
    Running = 1,
    Paused = 3,
    Shutdown = 4,
    Crashed = 6,
    Suspended = 7,
}
