using XapiSim.Hosting;

// One simulated XenServer host per process, e.g.
//   dotnet XapiSim.dll --urls http://127.0.0.1:8401 --Sim:HostName=xs1 --Sim:DataDirectory=/var/lib/xs1
var builder = WebApplication.CreateBuilder(args);
builder.AddXapiSim();

var app = builder.Build();
app.MapXapiSim();
app.Run();

/// <summary>Entry point (public so tests can host the simulator in-process).</summary>
public partial class Program;
