using ControlPlane.Vhd;
using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Checking;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Operations;
using ControlPlane.XenApi.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using XapiSim.Gc;
using XapiSim.Hosting;
using XapiSim.Messages;
using XapiSim.State;
using XapiSim.Storage;

namespace XapiSim.Endpoints;

/// <summary>
/// XAPI's raw disk handlers. <c>GET /export_raw_vdi?session_id=&amp;vdi=&amp;format=raw|vhd[&amp;base=]</c> streams the VDI's
/// content (raw bytes, or the chain flattened into one dynamic VHD keeping the VDI's unique id, or with <c>base=</c> an
/// ancestor the differencing VHD from that ancestor to the VDI, with a Content-Length); <c>PUT /import_raw_vdi?...</c> writes a raw
/// stream or a checked VHD into the existing VDI (a differencing VHD: only the sectors it holds). <c>vdi</c> is a ref or a uuid;
/// an optional <c>task_id</c> is completed at the end. Constant memory both ways.
/// </summary>
public sealed class VdiTransferEndpoints(
    SimDatabase db,
    SrStorage storage,
    SrSpace space,
    SrGarbageCollector gc,
    SimPersistence persistence,
    ILogger<VdiTransferEndpoints> logger)
{
    public async Task<IResult> ExportAsync(HttpContext context)
    {
        var (target, error) = await ResolveAsync(context);
        if (target is null)
        {
            return error!;
        }

        using var lease = target.Lease;
        var format = Format(context);
        if (format is null)
        {
            return Results.BadRequest("format must be raw or vhd");
        }

        if (target.BaseUuid is not null && format != "vhd")
        {
            return Results.Text("VDI_INCOMPATIBLE_TYPE base= needs format=vhd", statusCode: StatusCodes.Status400BadRequest);
        }

        context.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        context.Response.ContentType = "application/octet-stream";
        var path = storage.PathOf(target.Uuid);
        if (format == "raw")
        {
            context.Response.ContentLength = target.VirtualSize;
            await Task.Run(() => VhdRawConverter.ExportRaw(path, context.Response.Body, context.RequestAborted), context.RequestAborted);
        }
        else if (target.BaseUuid is { } baseUuid)
        {
            // NOTE(xenapi): the differencing VHD that turns base into this VDI (XAPI's base= export); its length is cheap to know.
            var basePath = storage.PathOf(baseUuid);
            try
            {
                context.Response.ContentLength = await Task.Run(() => VhdDeltaExporter.Measure(path, basePath), context.RequestAborted);
            }
            catch (ArgumentException e)
            {
                return Results.Text("VDI_NOT_IN_CHAIN " + e.Message, statusCode: StatusCodes.Status400BadRequest);
            }

            await Task.Run(() => VhdDeltaExporter.Export(path, basePath, context.Response.Body, new VhdCreateOptions { TimeProvider = db.Clock }), context.RequestAborted);
        }
        else
        {
            await Task.Run(() => FlattenKeepingId(path, context.Response.Body, context.RequestAborted), context.RequestAborted);
        }

        await CompleteTaskAsync(context, failure: null);
        return Results.Empty;
    }

    public async Task<IResult> ImportAsync(HttpContext context)
    {
        var (target, error) = await ResolveAsync(context);
        if (target is null)
        {
            return error!;
        }

        using var lease = target.Lease;
        var format = Format(context);
        if (format is null)
        {
            return Results.BadRequest("format must be raw or vhd");
        }

        context.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        // NOTE(xenapi): disk images are far larger than Kestrel's default 30 MB request body limit; XAPI has none.
        context.Features.Get<IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = null;
        string? failure = null;
        try
        {
            if (format == "raw")
            {
                if (context.Request.ContentLength > target.VirtualSize)
                {
                    throw new InvalidDataException($"content ({context.Request.ContentLength} bytes) is larger than the VDI ({target.VirtualSize} bytes)");
                }

                await Task.Run(() => storage.WriteRaw(target.Uuid, context.Request.Body), context.RequestAborted);
            }
            else
            {
                await ImportVhdAsync(context, target.Uuid);
            }
        }
        catch (InvalidDataException e)
        {
            failure = e.Message;
        }
        catch (IOException e)
        {
            failure = e.Message;
        }

        await db.Lock.WaitAsync(context.RequestAborted);
        try
        {
            if (db.Vdis.FindByUuid(target.Uuid) is { } vdi)
            {
                SrScanner.Refresh(vdi, storage.Inspect(vdi.Uuid), db.Vdis.All.Any(v => v.VhdParent == vdi.Uuid));
            }

            persistence.Save(db);
        }
        finally
        {
            db.Lock.Release();
        }

        await CompleteTaskAsync(context, failure);
        if (failure is not null)
        {
            SimLog.HandlerFailed(logger, "import_raw_vdi", failure);
            return Results.BadRequest(failure);
        }

        return Results.Ok();
    }

    private async Task ImportVhdAsync(HttpContext context, string uuid)
    {
        var staging = storage.StagingPath();
        try
        {
            await using (var file = new FileStream(staging, FileMode.CreateNew, FileAccess.Write))
            {
                await context.Request.Body.CopyToAsync(file, context.RequestAborted);
            }

            bool differencing;
            using (var probe = VhdFile.Open(staging))
            {
                differencing = probe.DiskType == ControlPlane.Vhd.Format.VhdDiskType.Differencing;
            }

            if (differencing)
            {
                // NOTE(xenapi): vhd-tool writes the sectors a differencing VHD holds over the VDI's current content (the
                // other half of export_raw_vdi?base=: import the delta into a copy of the base); its parent is not read.
                await Task.Run(() => storage.ApplyDelta(staging, uuid), context.RequestAborted);
                return;
            }

            var problems = VhdChecker.Check(staging, db.Clock);
            if (problems.Count > 0)
            {
                throw new InvalidDataException("invalid VHD: " + string.Join("; ", problems.Select(p => $"{p.Code}: {p.Message}")));
            }

            await Task.Run(() => storage.CopyContent(staging, uuid), context.RequestAborted);
        }
        finally
        {
            File.Delete(staging);
        }
    }

    private async Task<(Target? Target, IResult? Error)> ResolveAsync(HttpContext context)
    {
        var query = context.Request.Query;
        await db.Lock.WaitAsync(context.RequestAborted);
        try
        {
            if (db.Sessions.Find(query["session_id"].ToString()) is null)
            {
                return (null, Results.Text("SESSION_INVALID", statusCode: StatusCodes.Status401Unauthorized));
            }

            var key = query["vdi"].ToString();
            var vdi = db.Vdis.Find(key) ?? db.Vdis.FindByUuid(key);
            if (vdi is null)
            {
                return (null, Results.Text($"HANDLE_INVALID VDI {key}", statusCode: StatusCodes.Status404NotFound));
            }

            if (HttpMethods.IsPut(context.Request.Method))
            {
                try
                {
                    space.Ensure(db, 0);
                }
                catch (XenApiFailure f)
                {
                    return (null, Results.Text(string.Join(" ", f.ErrorDescription), statusCode: StatusCodes.Status500InternalServerError));
                }
            }

            string? baseUuid = null;
            if (HttpMethods.IsGet(context.Request.Method) && query["base"].ToString() is { Length: > 0 } baseKey)
            {
                var baseVdi = db.Vdis.Find(baseKey) ?? db.Vdis.FindByUuid(baseKey);
                if (baseVdi is null)
                {
                    return (null, Results.Text($"HANDLE_INVALID VDI {baseKey}", statusCode: StatusCodes.Status404NotFound));
                }

                if (!VdiRecords.Ancestors(db, vdi).Contains(baseVdi.Uuid, StringComparer.OrdinalIgnoreCase))
                {
                    return (null, Results.Text($"VDI_NOT_IN_CHAIN base {baseVdi.Uuid} is not an ancestor of {vdi.Uuid}", statusCode: StatusCodes.Status400BadRequest));
                }

                baseUuid = baseVdi.Uuid;
            }

            return (new Target(vdi.Uuid, vdi.VirtualSize, baseUuid, gc.BeginTransfer()), null);
        }
        finally
        {
            db.Lock.Release();
        }
    }

    private async Task CompleteTaskAsync(HttpContext context, string? failure)
    {
        var taskRef = context.Request.Query["task_id"].ToString();
        if (string.IsNullOrEmpty(taskRef))
        {
            return;
        }

        await db.Lock.WaitAsync(CancellationToken.None);
        try
        {
            if (db.Tasks.Find(taskRef) is { } task)
            {
                task.Status = failure is null ? "success" : "failure";
                task.ErrorInfo = failure is null ? [] : [XenApiErrorCodes.InternalError, failure];
                task.Progress = 1.0;
                task.Finished = db.Clock.GetUtcNow().UtcDateTime;
            }
        }
        finally
        {
            db.Lock.Release();
        }
    }

    /// <summary>The chain as one dynamic VHD whose footer keeps the VDI's own unique id (so a child exported with
    /// <c>base=</c> this VDI names it as its parent).</summary>
    private long FlattenKeepingId(string path, Stream output, CancellationToken cancellationToken)
    {
        using var disk = VhdDisk.Open(path);
        return VhdFlattener.Flatten(disk, output, new VhdCreateOptions { UniqueId = disk.Leaf.UniqueId, TimeProvider = db.Clock }, cancellationToken);
    }

    private static string? Format(HttpContext context)
    {
        var format = context.Request.Query["format"].ToString().ToLowerInvariant();
        return format switch
        {
            "" or "raw" => "raw",
            "vhd" => "vhd",
            _ => null,
        };
    }

    private sealed record Target(string Uuid, long VirtualSize, string? BaseUuid, IDisposable Lease);
}
