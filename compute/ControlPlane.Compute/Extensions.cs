using ControlPlane.Compute.Consoles;
using ControlPlane.Compute.Heartbeat;
using ControlPlane.Compute.Images;
using ControlPlane.Compute.Manager;
using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.PauseSuspend;
using ControlPlane.Compute.Power;
using ControlPlane.Compute.Rebuild;
using ControlPlane.Compute.Rescue;
using ControlPlane.Compute.Rpc;
using ControlPlane.Compute.Resize;
using ControlPlane.Compute.Shelve;
using ControlPlane.Compute.Snapshots;
using ControlPlane.Compute.Startup;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Fake;
using ControlPlane.Compute.Virt.Registration;
using ControlPlane.Compute.Virt.XenApi;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Hosting;
using ControlPlane.Hosting.Options;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Messaging.DependencyInjection;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute;

/// <summary>Every registration of the compute service (one process per hypervisor host).</summary>
public static class Extensions
{
    /// <summary>
    /// Adds options, the virt drivers (the one <c>Compute:Driver</c> names is used), the image
    /// source, the operation runner and one registration per operation, the start-up reconcile, the heartbeat and the <c>compute.&lt;host&gt;</c>
    /// consumer. No database: the conductor is the only way to the control plane's state.
    /// </summary>
    public static IHostApplicationBuilder AddComputeServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        builder.AddValidatedOptions<ComputeOptions, ComputeOptionsValidator>(ComputeOptions.SectionName);

        // Virt drivers: one line each. The XenAPI driver registers itself the same way.
        builder.AddValidatedOptions<FakeDriverOptions, FakeDriverOptionsValidator>(FakeDriverOptions.SectionName);
        services.AddVirtDriver<FakeDriver>(FakeDriver.DriverName);
        services.AddXenApiDriver(configuration);
        services.TryAddSingleton<VirtDriverRegistry>();
        services.AddSingleton(sp => sp.GetRequiredService<VirtDriverRegistry>()
            .Resolve(sp, sp.GetRequiredService<IOptions<ComputeOptions>>().Value.Driver));

        // NOTE(compute): no overall timeout: an image may take minutes to stream; the driver's own
        // cancellation bounds it.
        services.AddHttpClient(HttpImageSource.ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHttpClient(ServiceTokenProvider.ClientName, http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<ServiceTokenProvider>();
        services.AddSingleton<IImageSource, HttpImageSource>();
        services.AddRpcMessaging(configuration).AddConductorRpcClient();
        services.AddRpcConsumer(sp => Topics.Compute(sp.GetRequiredService<IOptions<ComputeOptions>>().Value.Host))
            .Implements(ComputeRpcClient.Version)
            .HandleOperation<BuildAndRunInstance, BuildInstanceOperation>()
            .HandleOperation<TerminateInstance, TerminateInstanceOperation>()
            .HandleOperation<SnapshotInstance, SnapshotInstanceOperation>()
            .HandleOperation<StopInstance, StopInstanceOperation>()
            .HandleOperation<StartInstance, StartInstanceOperation>()
            .HandleOperation<RebootInstance, RebootInstanceOperation>()
            .HandleDriverCall(PauseSuspendCalls.Pause)
            .HandleDriverCall(PauseSuspendCalls.Unpause)
            .HandleDriverCall(PauseSuspendCalls.Suspend)
            .HandleDriverCall(PauseSuspendCalls.Resume)
            .HandleOperation<RescueInstance, RescueInstanceOperation>()
            .HandleOperation<UnrescueInstance, UnrescueInstanceOperation>()
            .AddResize(builder)
            .HandleOperation<ShelveInstance, ShelveInstanceOperation>()
            .HandleOperation<ShelveOffloadInstance, ShelveOffloadInstanceOperation>()
            .HandleOperation<UnshelveInstance, UnshelveInstanceOperation>()
            .HandleOperation<RebuildInstance, RebuildInstanceOperation>()
            .AddConsoles();
        services.AddSnapshots();
        services.AddPowerActions();
        services.AddRescue();
        services.AddShelve();
        services.AddSingleton<InstanceLocks>();
        services.AddSingleton<InterruptedBuilds>();
        services.AddSingleton<OperationRunner>();
        services.AddSingleton<InstanceReconciler>();
        services.AddSingleton<ComputeReadiness>();
        services.AddHostedService<ComputeStartupService>();
        services.AddHostedService<HeartbeatService>();
        services.AddHealthChecks().AddCheck<ComputeReadinessHealthCheck>("compute", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }
}
