using ControlPlane.Bench.Shelve;
using ControlPlane.Bench.Snapshot;

// Benchmarks shelve and unshelve on the running stack (deploy/up --driver xenapi): a server with a 1 GiB random-data
// root chain is shelved (-> SHELVED_OFFLOADED) and unshelved (-> ACTIVE) --repeat times. Prints a table, writes JSON to
// bench/results/shelve-<timestamp>.json.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(ShelveBenchmark.Usage);
    return 0;
}

var options = SnapshotBenchOptions.Parse(args);
var report = await new ShelveBenchmark(options, TimeProvider.System, Console.Error).RunAsync();
report.Print(Console.Out);
Console.WriteLine("JSON: " + report.WriteJson(options.ResultsDirectory));
return 0;
