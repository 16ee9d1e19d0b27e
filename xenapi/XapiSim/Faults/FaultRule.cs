namespace XapiSim.Faults;

/// <summary>
/// An injected fault: <see cref="Call"/> is the XenAPI message (<c>VM.start</c>; applies to its <c>Async.</c> form too),
/// <see cref="Remaining"/> how many more calls it hits (null = every call until cleared).
/// </summary>
public sealed record FaultRule(string Call, FaultMode Mode, int? Remaining, IReadOnlyList<string> Error, TimeSpan Delay);
