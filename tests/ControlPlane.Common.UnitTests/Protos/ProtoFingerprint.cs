using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf.Reflection;

namespace ControlPlane.Common.UnitTests.Protos;

/// <summary>
/// One line per protobuf message, enum and service method compiled into ControlPlane.Protos: its proto file,
/// kind, full name and a hash of its shape (fields: number, name, label, type; enum values; method
/// input/output/streaming). Comments and field order in the file do not count; anything a peer can observe does.
/// </summary>
/// <param name="File">The .proto file, relative to <c>protos/ControlPlane.Protos</c>.</param>
/// <param name="Kind"><c>message</c>, <c>enum</c> or <c>rpc</c>.</param>
/// <param name="Name">Full name (<c>package.Message</c>, <c>package.Service/Method</c>).</param>
/// <param name="Hash">First 16 hex digits of the SHA-256 of the canonical shape.</param>
public sealed record ProtoFingerprint(string File, string Kind, string Name, string Hash)
{
    /// <summary>The entry as a line of the fingerprint file.</summary>
    public override string ToString() => $"{File} {Kind} {Name} {Hash}";

    /// <summary>Parses a line written by <see cref="ToString"/>; null for anything else.</summary>
    public static ProtoFingerprint? TryParse(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 4 && parts[1] is "message" or "enum" or "rpc" ? new ProtoFingerprint(parts[0], parts[1], parts[2], parts[3]) : null;
    }

    /// <summary>Every entry of the proto files generated into <paramref name="assembly"/>, sorted by file and name.</summary>
    public static IReadOnlyList<ProtoFingerprint> Of(Assembly assembly)
    {
        var files = assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
            .Where(p => p?.PropertyType == typeof(FileDescriptor))
            .Select(p => (FileDescriptor)p!.GetValue(null)!)
            .DistinctBy(f => f.Name);
        var entries = new List<ProtoFingerprint>();
        foreach (var file in files)
        {
            foreach (var message in file.MessageTypes)
            {
                AddMessage(entries, file.Name, message);
            }
            entries.AddRange(file.EnumTypes.Select(e => Enum(file.Name, e)));
            foreach (var service in file.Services)
            {
                entries.AddRange(service.Methods.Select(m => new ProtoFingerprint(file.Name, "rpc", $"{service.FullName}/{m.Name}",
                    HashOf($"{m.InputType.FullName} -> {m.OutputType.FullName} client_streaming={m.IsClientStreaming} server_streaming={m.IsServerStreaming}"))));
            }
        }
        return [.. entries.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal)];
    }

    private static void AddMessage(List<ProtoFingerprint> entries, string file, MessageDescriptor message)
    {
        var shape = new StringBuilder();
        foreach (var field in message.Fields.InFieldNumberOrder())
        {
            var label = field.IsMap ? "map" : field.IsRepeated ? "repeated" : field.HasPresence ? "optional" : "singular";
            var type = field.FieldType switch
            {
                FieldType.Message or FieldType.Group => $"{field.FieldType}<{field.MessageType.FullName}>",
                FieldType.Enum => $"enum<{field.EnumType.FullName}>",
                _ => field.FieldType.ToString(),
            };
            shape.Append(field.FieldNumber).Append(' ').Append(field.Name).Append(' ').Append(label).Append(' ').Append(type)
                .Append(" oneof=").Append(field.RealContainingOneof?.Name ?? "-").Append('\n');
        }
        entries.Add(new ProtoFingerprint(file, "message", message.FullName, HashOf(shape.ToString())));
        foreach (var nested in message.NestedTypes)
        {
            AddMessage(entries, file, nested);
        }
        entries.AddRange(message.EnumTypes.Select(e => Enum(file, e)));
    }

    private static ProtoFingerprint Enum(string file, EnumDescriptor e) =>
        new(file, "enum", e.FullName, HashOf(string.Join('\n', e.Values.OrderBy(v => v.Number).Select(v => $"{v.Number} {v.Name}"))));

    private static string HashOf(string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
}
