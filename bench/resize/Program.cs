using ControlPlane.Bench.Resize;

// Cross-host resize of an instance whose root chain holds --data-mib of random data, between two in-process XapiSim
// hosts through two XenApiDrivers (source MigrateDiskAndPowerOff -> pipe -> destination ReceiveDisk, then
// FinishMigration), beside a plain export_raw_vdi -> import_raw_vdi of the same base bytes between the two simulators.
// Prints a table, writes JSON to bench/results/resize-<timestamp>.json.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(ResizeBenchOptions.Usage);
    return 0;
}

var options = ResizeBenchOptions.Parse(args);
var report = await new ResizeBenchmark(options, Console.Error, TimeProvider.System).RunAsync();
report.Print(Console.Out);
Console.WriteLine("JSON: " + report.WriteJson(options.ResultsDirectory));
return 0;
