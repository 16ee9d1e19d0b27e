using ControlPlane.Bench.Console;

// Benchmarks consoles on the running stack (deploy/up): remote-console URL latency, token checks per second through
// the proxy, and RFB byte throughput through the proxy beside a direct read of the same console. Prints a table,
// writes JSON to bench/results/. Usage: dotnet run -c Release --project bench/console [--requests N] [--seconds S] [--concurrency C]
var options = ConsoleBenchOptions.Parse(args);
var report = await new ConsoleBenchmark(options).RunAsync();
Console.WriteLine(report.Table());
Console.WriteLine("JSON: " + report.WriteJson(options.ResultsDirectory));
