namespace ControlPlane.XenApi.Enums;

/// <summary>VM <c>power_state</c> (wire: <c>Halted</c>, <c>Paused</c>, <c>Running</c>, <c>Suspended</c>).</summary>
public enum VmPowerState { Unknown, Halted, Paused, Running, Suspended }
