using ControlPlane.Vhd.Checking;

namespace ControlPlane.VhdTool.Commands;

/// <summary><c>vhd check FILE</c>: exit 0 when the chain is valid, 1 with the problems listed otherwise.</summary>
internal static class CheckCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        var (_, _, positional) = Arguments.Parse(args, [], []);
        Arguments.Expect(positional, 1, "check FILE");
        IReadOnlyList<VhdProblem> problems = VhdChecker.Check(positional[0]);
        if (problems.Count == 0)
        {
            output.WriteLine($"{Path.GetFullPath(positional[0])} is valid");
            return CommandLine.Ok;
        }

        foreach (VhdProblem problem in problems)
        {
            output.WriteLine(problem.ToString());
        }

        output.WriteLine($"{problems.Count} problem(s) found");
        return CommandLine.ProblemsFound;
    }
}
