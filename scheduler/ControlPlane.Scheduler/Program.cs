using ControlPlane.Hosting;
using ControlPlane.Scheduler.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSchedulerServices();

var app = builder.Build();
app.MapServiceDefaults();
app.MapSchedulerEndpoints();
app.Run();

/// <summary>Entry point (public for the integration tests' in-process hosts).</summary>
public partial class Program;
