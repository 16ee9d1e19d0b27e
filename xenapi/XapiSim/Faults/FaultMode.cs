namespace XapiSim.Faults;

/// <summary>What an injected fault does to a call.</summary>
public enum FaultMode
{
    /// <summary>Answer with the rule's error description instead of running the call.</summary>
    Fail,

    /// <summary>Wait the rule's delay, then run the call normally.</summary>
    Delay,
}
