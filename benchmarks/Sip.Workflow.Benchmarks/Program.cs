using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Sip.Workflow.Benchmarks -- --filter '*'
// Fails (exit code 1) when no benchmark ran or any benchmark failed, so CI's dry run catches a broken benchmark.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToList();
var failed = summaries.Count == 0
    || summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Length == 0 || s.Reports.Any(r => !r.Success));
return failed ? 1 : 0;
