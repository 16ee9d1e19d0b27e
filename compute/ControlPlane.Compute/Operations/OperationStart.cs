namespace ControlPlane.Compute.Operations;

/// <summary>What an operation's preparation decided (<see cref="OperationSteps{TMessage}.PrepareAsync"/>).</summary>
public enum OperationStart
{
    /// <summary>Run the steps.</summary>
    Run,

    /// <summary>Nothing to do (stale or superseded message): no report, no notification.</summary>
    Skip,

    /// <summary>An earlier delivery already did the work: send the success report again, run nothing.</summary>
    AlreadyDone,
}
