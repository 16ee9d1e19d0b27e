using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Wire;
using Microsoft.Extensions.Logging;
using XapiSim.Faults;
using XapiSim.Hosting;
using XapiSim.State;

namespace XapiSim.Dispatch;

/// <summary>
/// Serves one XenAPI call for either transport: resolves the message, checks the session and arity,
/// applies injected faults, runs it under the database lock (or as a task for <c>Async.</c>) and persists.
/// </summary>
public sealed class SimDispatcher(
    SimDatabase db,
    SimMessageRegistry registry,
    FaultRegistry faults,
    SimPersistence persistence,
    ILogger<SimDispatcher> logger)
{
    public async Task<object?> DispatchAsync(string method, IReadOnlyList<object?> args, CancellationToken cancellationToken)
    {
        try
        {
            return await DispatchCoreAsync(method, args, cancellationToken).ConfigureAwait(false);
        }
        catch (XenApiFailure f)
        {
            SimLog.CallFailed(logger, method, f.Code);
            throw;
        }
    }

    private async Task<object?> DispatchCoreAsync(string method, IReadOnlyList<object?> args, CancellationToken cancellationToken)
    {
        var isAsync = method.StartsWith("Async.", StringComparison.Ordinal);
        var name = isAsync ? method["Async.".Length..] : method;
        var message = registry.Find(name, db) ?? throw new XenApiFailure(XenApiErrorCodes.MessageMethodUnknown, [method]);
        if (isAsync && !message.AsyncAllowed)
        {
            throw new XenApiFailure(XenApiErrorCodes.MessageMethodUnknown, [method]);
        }

        var sessionArgs = message.NeedsSession ? 1 : 0;
        var given = args.Count - sessionArgs;
        if (given < message.MinArgs || given > message.MaxArgs)
        {
            throw new XenApiFailure(XenApiErrorCodes.MessageParameterCountMismatch,
                [message.Name, (message.MaxArgs + sessionArgs).ToString(System.Globalization.CultureInfo.InvariantCulture), args.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        var callArgs = message.NeedsSession ? args.Skip(1).ToList() : (IReadOnlyList<object?>)args;
        await db.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        SessionObject? session;
        TaskObject? task = null;
        try
        {
            session = message.NeedsSession ? ValidSession(args.Count > 0 ? WireConvert.ToStr(args[0]) : "") : null;
            if (isAsync)
            {
                task = NewTask(method, session!);
            }
        }
        finally
        {
            db.Lock.Release();
        }

        var call = new SimCall(db, message.Name, callArgs, session) { Task = task };
        if (task is null)
        {
            return await RunAsync(message, call, cancellationToken).ConfigureAwait(false);
        }

        _ = Task.Run(() => RunAsTaskAsync(message, call, task), CancellationToken.None);
        return task.Ref;
    }

    private async Task<object?> RunAsync(SimMessage message, SimCall call, CancellationToken cancellationToken)
    {
        if (faults.Take(message.Name) is { } fault)
        {
            SimLog.FaultInjected(logger, message.Name, fault.Mode.ToString());
            if (fault.Mode == FaultMode.Fail)
            {
                throw new XenApiFailure(fault.Error);
            }

            await Task.Delay(fault.Delay, db.Clock, cancellationToken).ConfigureAwait(false);
        }

        await db.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = message.Invoke(call);
            if (message.Mutates)
            {
                persistence.Save(db);
            }

            return result;
        }
        catch (XenApiProtocolException e)
        {
            throw new XenApiFailure(XenApiErrorCodes.FieldTypeError, [e.Message]);
        }
        catch (ControlPlane.Vhd.Errors.VhdFormatException e)
        {
            // SM reports an unreadable VHD as error 65 (VDILoad).
            SimLog.CallCrashed(logger, e, message.Name);
            throw new XenApiFailure("SR_BACKEND_FAILURE_65", ["", "Failed to load VDI", e.Message]);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            SimLog.CallCrashed(logger, e, message.Name);
            throw new XenApiFailure(XenApiErrorCodes.InternalError, [e.Message]);
        }
        finally
        {
            db.Lock.Release();
        }
    }

    private async Task RunAsTaskAsync(SimMessage message, SimCall call, TaskObject task)
    {
        string result = "";
        List<string>? error = null;
        try
        {
            var value = await RunAsync(message, call, CancellationToken.None).ConfigureAwait(false);
            result = value is null or "" ? "" : XmlRpcWriter.ValueFragment(value, XmlRpcScalarStyle.Untyped);
        }
        catch (XenApiFailure f)
        {
            error = [.. f.ErrorDescription];
        }

        await db.Lock.WaitAsync().ConfigureAwait(false);
        try
        {
            task.Finished = db.Clock.GetUtcNow().UtcDateTime;
            task.Progress = 1.0;
            if (task.CancelRequested && error is null)
            {
                task.Status = "cancelled";
            }
            else if (error is null)
            {
                task.Status = "success";
                task.Result = result;
            }
            else
            {
                task.Status = "failure";
                task.ErrorInfo = error;
            }
        }
        finally
        {
            db.Lock.Release();
        }
    }

    private SessionObject ValidSession(string sessionRef)
    {
        var session = db.Sessions.Find(sessionRef) ?? throw new XenApiFailure(XenApiErrorCodes.SessionInvalid, [sessionRef]);
        session.LastActive = db.Clock.GetUtcNow().UtcDateTime;
        return session;
    }

    private TaskObject NewTask(string method, SessionObject session)
    {
        // Finished tasks nobody destroyed are dropped after an hour (XAPI garbage-collects them too).
        var now = db.Clock.GetUtcNow().UtcDateTime;
        foreach (var old in db.Tasks.All.Where(t => t.Status is not ("pending" or "cancelling") && now - t.Finished > TimeSpan.FromHours(1)).ToList())
        {
            db.Tasks.Remove(old.Ref);
        }

        var task = new TaskObject
        {
            Ref = SimIds.NewRef(),
            Uuid = SimIds.NewUuid(),
            NameLabel = method,
            Created = db.Clock.GetUtcNow().UtcDateTime,
            ResidentOn = db.Host.Ref,
            Session = session.Ref,
        };
        db.Tasks.Add(task);
        return task;
    }
}
