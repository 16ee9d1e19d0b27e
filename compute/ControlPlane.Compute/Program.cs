using ControlPlane.Compute;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.Resize;
using ControlPlane.Hosting;

// One compute process per hypervisor host: dotnet ControlPlane.Compute.dll --host host1 --urls http://127.0.0.1:8801
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddCommandLine(args, ComputeOptions.SwitchMappings);
builder.AddServiceDefaults();
builder.AddComputeServices();
builder.AddResizeTransferEndpoint();

var app = builder.Build();
app.MapServiceDefaults();
app.MapResizeTransfer();
app.Run();
