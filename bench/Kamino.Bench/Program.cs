Console.WriteLine("Kamino benchmarks: see docs/benchmarks.md");
