using Kamino.Bench;

// kamino's import and Pareto against the engines' own bulk tools; see docs/benchmarks.md.
//   compare   [--lines N] [--customers M] [--seed S] [--runs R] [--work DIR] [--no-postgres]
//   breakdown [--lines N] [--customers M] [--seed S] [--work DIR] [--no-postgres]
//   memory    [--lines N (10,000,000)] [--customers M] [--seed S] [--work DIR]
//   xlsx      [--lines N (100,000)] [--customers M] [--seed S] [--work DIR]
//   analyze   [--lines N] [--customers M] [--seed S] [--runs R] [--work DIR]   kamino analyze vs DuckDB
//   watch     [--lines N] [--customers M] [--seed S] [--work DIR] [--no-postgres] [--seconds T] [--clients 1,16]   account page, alerts and health under hey
//   scale     [--lines N] [--customers M] [--seed S] [--work DIR] [--seconds T] [--clients 16,64]   one node vs two behind nginx, and a node killed
//   instant   [--lines N] [--customers M] [--seed S] [--work DIR] [--no-postgres] [--seconds T] [--clients 1,16]   dashboard, customers, account, Pareto and what-if under hey
var mode = args.FirstOrDefault();
var options = BenchOptions.Parse(args.Skip(1).ToArray(), mode switch
{
    "memory" => 10_000_000,
    "xlsx" => 100_000,
    _ => 1_000_000,
});
switch (mode)
{
    case "compare":
        return await Compare.RunAsync(options);
    case "breakdown":
        return await Breakdown.RunAsync(options);
    case "memory":
        return await LargeFiles.MemoryAsync(options);
    case "xlsx":
        return await LargeFiles.XlsxAsync(options);
    case "analyze":
        return await AnalyzeBench.RunAsync(options);
    case "watch":
        return await WatchBench.RunAsync(options);
    case "instant":
        return await InstantBench.RunAsync(options);
    case "scale":
        return await ScaleBench.RunAsync(options);
    default:
        Console.Error.WriteLine("usage: Kamino.Bench compare|breakdown|memory|xlsx|analyze|watch|instant|scale [--lines N] [--customers M] [--seed S] [--runs R] [--work DIR] [--no-postgres]");
        return 2;
}
