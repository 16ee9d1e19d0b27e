using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.Rescue;
using ControlPlane.Domain.Errors;
using ControlPlane.Protos.V1;
using Grpc.Core;

namespace ControlPlane.Api.Grpc;

/// <summary>Rescue and unrescue of <c>controlplane.v1.Servers</c>: the REST actions' calls, run by the same runner.</summary>
public sealed partial class ServersGrpcService
{
    /// <inheritdoc />
    public override async Task<RescueServerResponse> RescueServer(RescueServerRequest request, ServerCallContext context)
    {
        var action = (RescueAction)(actions.Find(RescueAction.Name) ?? throw new InvalidOperationException("The rescue action is not registered."));
        RescueCall? call = null;
        await runner.RunAsync(BearerAuthInterceptor.Principal(context), request.Id, () =>
        {
            Guid? image = request.RescueImageRef.Length == 0 ? null
                : Guid.TryParse(request.RescueImageRef, out var id) ? id : throw new InvalidException("rescue_image_ref must be an image UUID.");
            call = action.Call(new RescueRequest(request.AdminPass.Length == 0 ? null : request.AdminPass, image));
            return Task.FromResult<Compute.Actions.ServerActionCall>(call);
        }, context.CancellationToken);
        return new RescueServerResponse { AdminPass = action.VisiblePassword(call!) ?? string.Empty };
    }

    /// <inheritdoc />
    public override async Task<UnrescueServerResponse> UnrescueServer(UnrescueServerRequest request, ServerCallContext context)
    {
        var action = actions.Find(ActionKeys.Unrescue) ?? throw new InvalidOperationException("The unrescue action is not registered.");
        await runner.RunAsync(BearerAuthInterceptor.Principal(context), request.Id, action.Parse(NoArguments), context.CancellationToken);
        return new UnrescueServerResponse();
    }
}
