using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project benchmarks/EDoc.Benchmarks -- --filter '*'
// Each XxxBenchmark class has a [Benchmark(Baseline = true)] on the raw cost (crypto, Base64, SHA-256) or the peer.
if (args.Length > 0 && args[0] == "--interleaved-signing")
{
    await EDoc.Benchmarks.Signing.InterleavedSigningCheck.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>The benchmark entry point.</summary>
public partial class Program;
