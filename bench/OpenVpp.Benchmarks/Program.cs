using BenchmarkDotNet.Running;

// Pick benchmarks on the command line, e.g. `--filter '*' --job short`; see bench/README.md.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
