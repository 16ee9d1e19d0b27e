using ControlPlane.Api.Extensions;
using ControlPlane.Hosting;

// Content root = the build output, so appsettings.json (log levels) is found whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddServiceDefaults();
builder.AddApiServices();

var app = builder.Build();
app.MapServiceDefaults();
app.MapApi();
app.Run();

/// <summary>Entry point type, public so that tests can locate the assembly.</summary>
public partial class Program;
