using ControlPlane.Vhd.Errors;

namespace ControlPlane.Vhd.Checking;

/// <summary>One structural problem found by <see cref="VhdChecker"/>.</summary>
/// <param name="Code">What kind of problem.</param>
/// <param name="FilePath">The file it was found in.</param>
/// <param name="Message">Human-readable detail.</param>
/// <param name="Fatal">True when the file cannot be opened because of it (Open throws).</param>
public sealed record VhdProblem(VhdErrorCode Code, string FilePath, string Message, bool Fatal)
{
    public override string ToString() => $"{FilePath}: {Code}: {Message}";
}
