using XapiSim.Dispatch;
using XapiSim.Gc;
using XapiSim.Storage;

namespace XapiSim.Messages;

/// <summary><c>SR.scan</c> (re-reads the VHD headers, then kicks the GC); other SR calls are generic.</summary>
public sealed class SrMessages(SrScanner scanner, SrGarbageCollector gc) : ISimMessageSet
{
    public IEnumerable<SimMessage> Messages =>
    [
        new("SR.scan", 1, 1, Scan),
        new("SR.update", 1, 1, Scan),
    ];

    private object? Scan(SimCall c)
    {
        c.Obj(c.Db.Srs, 0);
        scanner.Scan(c.Db);
        gc.Kick();
        return "";
    }
}
