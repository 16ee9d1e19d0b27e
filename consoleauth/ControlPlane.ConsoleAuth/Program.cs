using ControlPlane.ConsoleAuth.Hosting;
using ControlPlane.Hosting;

// dotnet ControlPlane.ConsoleAuth.dll --urls http://127.0.0.1:8796 --ConsoleAuth:GrpcPort=8790
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddConsoleAuthServices();

var app = builder.Build();
app.MapServiceDefaults();
app.MapConsoleAuthEndpoints();
app.Run();

/// <summary>Entry point (public for the integration tests' in-process hosts).</summary>
public partial class Program;
