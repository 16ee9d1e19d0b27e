using ControlPlane.Bench.Api;

// Benchmarks the running stack (deploy/up): API latencies, boot throughput on FakeDriver
// computes, and RSS of every service. Prints a table, writes JSON to bench/results/.
var options = BenchOptions.Parse(args);
var report = await new ApiBenchmark(options).RunAsync();
report.Print(Console.Out);
Console.WriteLine("JSON: " + report.WriteJson(options.ResultsDirectory));
