using ControlPlane.Api.Extensions;
using ControlPlane.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApiServices();

var app = builder.Build();
app.MapServiceDefaults();
app.MapApi();
app.Run();

/// <summary>Entry point type, public so that tests can locate the assembly.</summary>
public partial class Program;
