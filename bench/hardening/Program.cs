using ControlPlane.Bench.Hardening;

// Measures the auth and query-limit hardening of issue 14 against the running stack (deploy/up):
// login time for an unknown user vs a wrong password, and the imagestore's ordinary list p99 quiet
// vs under concurrent hostile sort requests. Prints a table, writes JSON to bench/results/.
var options = HardeningOptions.Parse(args);
var report = await new HardeningBenchmark(options).RunAsync();
report.Print(Console.Out);
Console.WriteLine("JSON: " + report.WriteJson(options.ResultsDirectory));
return report.Passed ? 0 : 1;
