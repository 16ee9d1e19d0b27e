using System.Runtime.CompilerServices;
using System.Text;
using ControlPlane.Compute.Rpc;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Common.UnitTests.Protos;

/// <summary>
/// Pins the shape of every proto message, enum and method against <c>protos/fingerprints.txt</c>, so a contract
/// change cannot land without a version decision. Regenerate the file (after bumping the version) with
/// <c>CP_UPDATE_PROTO_FINGERPRINTS=1 dotnet test tests/ControlPlane.Common.UnitTests -c Release --filter FullyQualifiedName~ProtoFingerprint</c>.
/// </summary>
public sealed class ProtoFingerprintTests
{
    /// <summary>Set to 1 to rewrite the fingerprint file from the compiled protos.</summary>
    public const string UpdateVariable = "CP_UPDATE_PROTO_FINGERPRINTS";

    private const string Regenerate =
        $"{UpdateVariable}=1 dotnet test tests/ControlPlane.Common.UnitTests -c Release --filter FullyQualifiedName~ProtoFingerprint";

    /// <summary>The RPC API whose version a proto file's messages belong to (the shared types belong to both).</summary>
    private static readonly (string File, string Api)[] Owners =
    [
        ("rpc/v1/compute.proto", "compute"),
        ("rpc/v1/conductor.proto", "conductor"),
        ("rpc/v1/common.proto", "compute"),
        ("rpc/v1/common.proto", "conductor"),
    ];

    private static readonly Dictionary<string, (string Version, string Constant)> Versions = new(StringComparer.Ordinal)
    {
        ["compute"] = (ComputeRpcClient.Version, "ComputeRpcClient.Version"),
        ["conductor"] = (ConductorRpcClient.Version, "ConductorRpcClient.Version"),
    };

    private static string FingerprintFile([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "protos", "fingerprints.txt"));

    private static string Render(IEnumerable<ProtoFingerprint> entries)
    {
        var text = new StringBuilder()
            .AppendLine("# Fingerprints of every protobuf message, enum and method in protos/ControlPlane.Protos (see protos/README.md).")
            .AppendLine("# Generated; do not edit. Regenerate after bumping the RPC version:")
            .AppendLine("#   " + Regenerate);
        foreach (var (api, (version, _)) in Versions.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            text.AppendLine($"version {api} {version}");
        }
        foreach (var entry in entries)
        {
            text.AppendLine(entry.ToString());
        }
        return text.ToString();
    }

    [Fact]
    public void Every_proto_message_and_method_matches_its_pinned_fingerprint()
    {
        var actual = ProtoFingerprint.Of(typeof(BuildInstance).Assembly);
        var path = FingerprintFile();
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, Render(actual));
            return;
        }
        Assert.True(File.Exists(path), $"{path} is missing. Create it with: {Regenerate}");
        var lines = File.ReadAllLines(path);
        var pinned = lines.Select(ProtoFingerprint.TryParse).OfType<ProtoFingerprint>().ToList();
        var pinnedVersions = lines.Select(l => l.Split(' ')).Where(p => p is ["version", _, _]).ToDictionary(p => p[1], p => p[2], StringComparer.Ordinal);

        var changes = Diff(pinned, actual);
        if (changes.Count == 0)
        {
            var drift = Versions.Where(v => pinnedVersions.GetValueOrDefault(v.Key) != v.Value.Version).Select(v => v.Key).ToList();
            Assert.True(drift.Count == 0, $"The RPC version of {string.Join(", ", drift)} changed; refresh {path}: {Regenerate}");
            return;
        }
        Assert.Fail(Explain(changes, pinnedVersions, path));
    }

    [Fact]
    public void The_fingerprint_sees_every_proto_file_and_service()
    {
        var actual = ProtoFingerprint.Of(typeof(BuildInstance).Assembly);

        Assert.Equal(
            ["compute/v1/transfer.proto", "consoleauth/v1/consoleauth.proto", "controlplane/v1/server_groups.proto", "controlplane/v1/servers.proto", "rpc/v1/common.proto", "rpc/v1/compute.proto", "rpc/v1/conductor.proto", "scheduler/v1/scheduler.proto"],
            actual.Select(e => e.File).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(actual, e => e is { Kind: "message", Name: "controlplane.rpc.v1.BuildAndRunInstance" });
        Assert.Contains(actual, e => e.Kind == "rpc" && e.Name.StartsWith("controlplane.scheduler.v1.Scheduler/", StringComparison.Ordinal));
        Assert.Equal(actual.Count, actual.Select(e => e.Name).Distinct().Count());
    }

    [Fact]
    public void A_changed_field_changes_the_hash_and_the_same_shape_keeps_it()
    {
        var first = ProtoFingerprint.Of(typeof(BuildInstance).Assembly);
        var again = ProtoFingerprint.Of(typeof(BuildInstance).Assembly);

        Assert.Equal(first, again);
        var start = first.Single(e => e.Name == "controlplane.rpc.v1.StartInstance");
        var stop = first.Single(e => e.Name == "controlplane.rpc.v1.StopInstance");
        var reboot = first.Single(e => e.Name == "controlplane.rpc.v1.RebootInstance");
        Assert.Equal(start.Hash, stop.Hash); // same fields (1 instance InstanceSpec): same shape
        Assert.NotEqual(stop.Hash, reboot.Hash); // reboot adds 2 hard bool
    }

    private static List<string> Diff(IReadOnlyList<ProtoFingerprint> pinned, IReadOnlyList<ProtoFingerprint> actual)
    {
        var before = pinned.ToDictionary(e => e.Name, StringComparer.Ordinal);
        var after = actual.ToDictionary(e => e.Name, StringComparer.Ordinal);
        var changes = new List<string>();
        foreach (var entry in actual)
        {
            if (!before.TryGetValue(entry.Name, out var old))
            {
                changes.Add($"added {entry.Kind} {entry.Name} ({entry.File})");
            }
            else if (old.Hash != entry.Hash)
            {
                changes.Add($"changed {entry.Kind} {entry.Name} ({entry.File})");
            }
        }
        changes.AddRange(pinned.Where(e => !after.ContainsKey(e.Name)).Select(e => $"removed {e.Kind} {e.Name} ({e.File})"));
        return changes;
    }

    private static string Explain(List<string> changes, Dictionary<string, string> pinnedVersions, string path)
    {
        var apis = Owners.Where(o => changes.Any(c => c.EndsWith($"({o.File})", StringComparison.Ordinal))).Select(o => o.Api).Distinct().ToList();
        var unbumped = apis.Where(a => pinnedVersions.GetValueOrDefault(a) == Versions[a].Version).ToList();
        var text = new StringBuilder().AppendLine($"The proto contract differs from {path}:");
        foreach (var change in changes)
        {
            text.AppendLine("  " + change);
        }
        if (unbumped.Count > 0)
        {
            text.AppendLine($"This changes the {string.Join(" and ", unbumped)} RPC API without a version bump. Bump "
                + string.Join(" and ", unbumped.Select(a => $"{Versions[a].Constant} (now {Versions[a].Version})"))
                + ": the minor for an added field or message, the major for a changed or removed one (better: a new field instead),"
                + " and add the change to the class's version history. Receivers refuse a newer version, so bump before any sender uses it.");
        }
        if (changes.Any(c => !c.EndsWith("(rpc/v1/compute.proto)", StringComparison.Ordinal) && !c.EndsWith("(rpc/v1/conductor.proto)", StringComparison.Ordinal) && !c.EndsWith("(rpc/v1/common.proto)", StringComparison.Ordinal)))
        {
            text.AppendLine("A public gRPC contract (controlplane.v1, controlplane.scheduler.v1) changed: only additive changes stay in v1; a breaking one needs a v2 package.");
        }
        return text.Append("Then refresh the fingerprints: ").Append(Regenerate).ToString();
    }
}
