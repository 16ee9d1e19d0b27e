namespace ControlPlane.Bench.Api;

/// <summary>One boot batch: how many servers, how long until all were ACTIVE or ERROR, and the outcome counts.</summary>
public sealed record BootRun(int Servers, double Seconds, int Active, int Error, double DeleteSeconds)
{
    public double ServersPerSecond => Servers / Seconds;
}
