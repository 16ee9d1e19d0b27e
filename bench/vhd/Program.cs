using ControlPlane.Bench.Vhd;

// Benchmarks the Vhd library against qemu-img and cp on the same chain, at several disk sizes:
//   dotnet ControlPlane.Bench.Vhd.dll [--sizes 256M,1G] [--seed 42] [--work DIR] [--results DIR] [--keep]
// Each measured operation runs in a fresh process so its peak RSS is its own. Prints a table and
// writes JSON to bench/results/vhd-<timestamp>.json.
if (args.Length > 0 && args[0] == OperationProcess.Verb)
{
    return OperationProcess.Run(args[1..], Console.Out);
}

var options = BenchOptions.Parse(args);
BenchReport report = new VhdBenchmark(options, TimeProvider.System).Run(Console.Error);
report.Print(Console.Out);
Console.WriteLine("JSON: " + report.WriteJson(options.ResultsDirectory));
return 0;
