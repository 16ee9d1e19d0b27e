using ControlPlane.Domain.Errors;

namespace ControlPlane.Scheduler.Rpc;

/// <summary>Validation of identifiers carried by conductor messages (a bad one is a poison message).</summary>
internal static class MessageIds
{
    /// <summary>Parses an instance uuid; throws <see cref="InvalidException"/> naming the field.</summary>
    public static Guid Instance(string value, string field = "instance_id") =>
        Guid.TryParse(value, out var id) ? id : throw new InvalidException($"{field} '{Truncate(value)}' is not a valid uuid.");

    /// <summary>Checks a host name; throws <see cref="InvalidException"/> naming the field.</summary>
    public static string Host(string value, string field = "host")
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 255 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new InvalidException($"{field} '{Truncate(value)}' is not a valid host name.");
        }
        return value;
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "...";
}
