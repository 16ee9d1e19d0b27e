namespace XapiSim.Dispatch;

/// <summary>The messages of one XenAPI class.</summary>
public interface ISimMessageSet
{
    IEnumerable<SimMessage> Messages { get; }
}
