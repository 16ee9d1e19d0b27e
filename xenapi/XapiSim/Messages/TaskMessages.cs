using ControlPlane.XenApi.Errors;
using XapiSim.Dispatch;
using XapiSim.State;

namespace XapiSim.Messages;

/// <summary><c>task.create</c>, <c>task.destroy</c>, <c>task.cancel</c> and the result setters os-xenapi uses.</summary>
public sealed class TaskMessages : ISimMessageSet
{
    public IEnumerable<SimMessage> Messages =>
    [
        new("task.create", 2, 2, Create) { Mutates = false, AsyncAllowed = false },
        new("task.destroy", 1, 1, c => { c.Db.Tasks.Remove(c.Obj(c.Db.Tasks, 0).Ref); return ""; }) { Mutates = false, AsyncAllowed = false },
        new("task.cancel", 1, 1, Cancel) { Mutates = false, AsyncAllowed = false },
        new("task.set_status", 2, 2, c => { c.Obj(c.Db.Tasks, 0).Status = c.Str(1).ToLowerInvariant(); return ""; }) { Mutates = false, AsyncAllowed = false },
        new("task.set_progress", 2, 2, c => { c.Obj(c.Db.Tasks, 0).Progress = ControlPlane.XenApi.Wire.WireConvert.ToDouble(c.Args[1]); return ""; }) { Mutates = false, AsyncAllowed = false },
        new("task.set_result", 2, 2, c => { c.Obj(c.Db.Tasks, 0).Result = c.Str(1); return ""; }) { Mutates = false, AsyncAllowed = false },
        new("task.set_error_info", 2, 2, c => { c.Obj(c.Db.Tasks, 0).ErrorInfo = ControlPlane.XenApi.Wire.WireConvert.ToStrings(c.Args[1]); return ""; }) { Mutates = false, AsyncAllowed = false },
    ];

    private static object? Create(SimCall c)
    {
        var task = new TaskObject
        {
            Ref = SimIds.NewRef(),
            Uuid = SimIds.NewUuid(),
            NameLabel = c.Str(0),
            NameDescription = c.Str(1),
            Created = c.Db.Clock.GetUtcNow().UtcDateTime,
            ResidentOn = c.Db.Host.Ref,
            Session = c.Session!.Ref,
        };
        c.Db.Tasks.Add(task);
        return task.Ref;
    }

    private static object? Cancel(SimCall c)
    {
        var task = c.Obj(c.Db.Tasks, 0);
        if (task.Status != "pending")
        {
            throw new XenApiFailure(XenApiErrorCodes.OperationNotAllowed, ["task is not pending"]);
        }

        task.CancelRequested = true;
        task.Status = "cancelling";
        return "";
    }
}
