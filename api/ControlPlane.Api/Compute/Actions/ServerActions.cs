namespace ControlPlane.Api.Compute.Actions;

/// <summary>Every registered <see cref="IServerAction"/>, by key (a key registered twice is a start-up error).</summary>
public sealed class ServerActions
{
    private readonly Dictionary<string, IServerAction> byKey = new(StringComparer.Ordinal);

    /// <summary>Indexes <paramref name="actions"/> by <see cref="IServerAction.Key"/>.</summary>
    public ServerActions(IEnumerable<IServerAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        foreach (var action in actions)
        {
            if (!byKey.TryAdd(action.Key, action))
            {
                throw new InvalidOperationException($"The server action '{action.Key}' is registered twice.");
            }
        }
    }

    /// <summary>The registered keys.</summary>
    public IReadOnlyCollection<string> Keys => byKey.Keys;

    /// <summary>The action registered for <paramref name="key"/>, or <c>null</c>.</summary>
    public IServerAction? Find(string key) => byKey.GetValueOrDefault(key);
}
