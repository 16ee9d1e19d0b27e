using System.Diagnostics;

namespace ControlPlane.EndToEndTests.Infrastructure;

/// <summary>
/// An extra service process started by a test from the stack's build output, with the stack's
/// environment (.run/env), so a test can kill it without touching the processes deploy/up owns.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process process;

    private ServiceProcess(Process process, string logFile)
    {
        this.process = process;
        LogFile = logFile;
    }

    public int Pid => process.Id;

    public string LogFile { get; }

    public bool HasExited => process.HasExited;

    /// <summary>Starts <c>&lt;artifacts&gt;/bin/&lt;project&gt;/release/&lt;project&gt;.dll</c> with the given arguments.</summary>
    public static ServiceProcess Start(StackEnvironment stack, string project, string name, params string[] args) =>
        Start(stack, project, name, new Dictionary<string, string>(), args);

    /// <summary>As <see cref="Start(StackEnvironment, string, string, string[])"/>, with extra environment variables
    /// (secrets go here, not in the arguments, which show in ps and the log).</summary>
    public static ServiceProcess Start(StackEnvironment stack, string project, string name, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var artifacts = Environment.GetEnvironmentVariable("CP_ARTIFACTS") is { Length: > 0 } a ? a : Path.Combine(stack.RepoRoot, "artifacts");
        var dll = Path.Combine(artifacts, "bin", project, "release", project + ".dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} does not exist: build the solution in Release (deploy/up does).");
        }
        var logFile = Path.Combine(stack.RunDirectory, "logs", name + ".log");
        var psi = new ProcessStartInfo("bash") { WorkingDirectory = stack.RepoRoot };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("exec dotnet \"$0\" \"$@\" >>\"$CP_TEST_LOG\" 2>&1");
        psi.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in stack.Variables)
        {
            psi.Environment[key] = value;
        }
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }
        psi.Environment["CP_TEST_LOG"] = logFile;
        return new ServiceProcess(Process.Start(psi) ?? throw new InvalidOperationException("could not start " + project), logFile);
    }

    /// <summary>SIGKILL, as a crashed host: no shutdown hooks run.</summary>
    public void KillHard()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public void Dispose()
    {
        KillHard();
        process.Dispose();
    }
}
