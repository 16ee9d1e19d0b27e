using ControlPlane.Bench.Snapshot;

// Benchmarks createImage on the running stack (deploy/up --driver xenapi): a server with a 1 GiB random-data root
// chain is snapshotted --repeat times; each snapshot is compared with curl -T of the same bytes to an in-process
// discard sink and into imagestore. Prints a table, writes JSON to bench/results/snapshot-<timestamp>.json.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(SnapshotBenchOptions.Usage);
    return 0;
}

var options = SnapshotBenchOptions.Parse(args);
var report = await new SnapshotBenchmark(options, TimeProvider.System, Console.Error).RunAsync();
report.Print(Console.Out);
Console.WriteLine("JSON: " + report.WriteJson(options.ResultsDirectory));
return 0;
