using System.Text.Json;
using Microsoft.Extensions.Options;
using XapiSim.Options;

namespace XapiSim.State;

/// <summary>Saves and loads the database as <c>state.json</c> in the data directory (atomic replace).</summary>
public sealed class SimPersistence(IOptions<SimOptions> options)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string DataDirectory => Path.GetFullPath(options.Value.DataDirectory);

    public string StatePath => Path.Combine(DataDirectory, "state.json");

    /// <summary>The SR directory (PBD <c>device_config["path"]</c>).</summary>
    public string SrDirectory => Path.Combine(DataDirectory, "sr");

    /// <summary>Loads <c>state.json</c> into <paramref name="db"/>; false when there is none yet.</summary>
    public bool Load(SimDatabase db)
    {
        if (!File.Exists(StatePath))
        {
            return false;
        }

        var doc = JsonSerializer.Deserialize<SimStateDocument>(File.ReadAllText(StatePath), Json)
            ?? throw new InvalidDataException($"{StatePath} is empty");
        db.NextDomid = doc.NextDomid;
        doc.Hosts.ForEach(db.Hosts.Add);
        doc.HostMetrics.ForEach(db.HostMetrics.Add);
        doc.Pools.ForEach(db.Pools.Add);
        doc.Srs.ForEach(db.Srs.Add);
        doc.Pbds.ForEach(db.Pbds.Add);
        doc.Vms.ForEach(db.Vms.Add);
        doc.Vdis.ForEach(db.Vdis.Add);
        doc.Vbds.ForEach(db.Vbds.Add);
        doc.Consoles.ForEach(db.Consoles.Add);
        return true;
    }

    /// <summary>Writes the database; the caller holds <see cref="SimDatabase.Lock"/>.</summary>
    public void Save(SimDatabase db)
    {
        var doc = new SimStateDocument
        {
            NextDomid = db.NextDomid,
            Hosts = [.. db.Hosts.All],
            HostMetrics = [.. db.HostMetrics.All],
            Pools = [.. db.Pools.All],
            Srs = [.. db.Srs.All],
            Pbds = [.. db.Pbds.All],
            Vms = [.. db.Vms.All],
            Vdis = [.. db.Vdis.All],
            Vbds = [.. db.Vbds.All],
            Consoles = [.. db.Consoles.All],
        };
        Directory.CreateDirectory(DataDirectory);
        var temp = StatePath + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(doc, Json));
        File.Move(temp, StatePath, overwrite: true);
    }
}
