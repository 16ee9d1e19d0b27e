using ControlPlane.Bench.ResizeApi;

// Resize benchmark on the running fake stack (deploy/up --driver fake): N times boot m1.tiny, resize to m1.small
// (until VERIFY_RESIZE), confirm (until ACTIVE); median, p90 and max of each. Table on stdout, JSON in bench/results/.
// Usage: dotnet run -c Release --project bench/resize-api [-- --api URL --runs 20]
var options = ResizeBenchOptions.Parse(args);
var report = await new ResizeBenchmark(options).RunAsync();
report.Print(Console.Out);
Console.WriteLine("JSON: " + report.WriteJson(options.ResultsDirectory));
