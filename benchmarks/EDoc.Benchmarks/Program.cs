using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project benchmarks/EDoc.Benchmarks -- --filter '*'
// Each XxxBenchmark class has a [Benchmark(Baseline = true)] on the raw cost (crypto, Base64, SHA-256) or the peer.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>The benchmark entry point.</summary>
public partial class Program;
