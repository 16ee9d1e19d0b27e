namespace XapiSim.Console;

/// <summary>What the console shows of a VM at one moment.</summary>
internal sealed record ConsoleView(string NameLabel, string PowerState, long Domid);
