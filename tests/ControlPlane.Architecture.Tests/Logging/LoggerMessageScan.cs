using System.Reflection;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Architecture.Tests.Logging;

/// <summary>Every <c>[LoggerMessage]</c> method of the ControlPlane assemblies beside the test.</summary>
public static class LoggerMessageScan
{
    /// <summary>One declared log message.</summary>
    /// <param name="Assembly">Declaring assembly name.</param>
    /// <param name="Method">Declaring type and method, e.g. <c>ControlPlane.Api.Diagnostics.ApiLog.ExpectedError</c>.</param>
    /// <param name="EventId">The declared EventId.</param>
    public sealed record Entry(string Assembly, string Method, int EventId);

    /// <summary>Loads ControlPlane*.dll and XapiSim.dll from the test's folder and returns their log messages.</summary>
    public static IReadOnlyList<Entry> All()
    {
        var assemblies = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(f => Path.GetFileName(f) is var n && (n.StartsWith("ControlPlane.", StringComparison.Ordinal) || n == "XapiSim.dll"))
            .Where(f => !Path.GetFileName(f).StartsWith("ControlPlane.Architecture.Tests", StringComparison.Ordinal))
            .Select(Assembly.LoadFrom);
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        return [.. from assembly in assemblies
                   from type in assembly.GetTypes()
                   from method in type.GetMethods(all)
                   let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
                   where attribute is not null
                   select new Entry(assembly.GetName().Name!, $"{type.FullName}.{method.Name}", attribute.EventId)];
    }
}
