using ControlPlane.Hosting;
using ControlPlane.ImageStore.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddImageStoreServices();

var app = builder.Build();
app.MapServiceDefaults();
app.MapImageStoreEndpoints();
app.Run();
