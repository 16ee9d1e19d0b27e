using ControlPlane.ConsoleProxy.Hosting;
using ControlPlane.Hosting;

// dotnet ControlPlane.ConsoleProxy.dll --urls http://127.0.0.1:6080
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddConsoleProxyServices();

var app = builder.Build();
app.MapServiceDefaults();
app.MapConsoleProxy();
app.Run();

/// <summary>Entry point (public for the integration tests' in-process hosts).</summary>
public partial class Program;
