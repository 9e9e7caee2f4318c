using Kamino.Bench;

// kamino's import and Pareto against the engines' own bulk tools; see docs/benchmarks.md.
//   compare   [--lines N] [--customers M] [--seed S] [--runs R] [--work DIR] [--no-postgres]
//   breakdown [--lines N] [--customers M] [--seed S] [--work DIR] [--no-postgres]
var options = BenchOptions.Parse(args.Skip(1).ToArray());
switch (args.FirstOrDefault())
{
    case "compare":
        return await Compare.RunAsync(options);
    case "breakdown":
        return await Breakdown.RunAsync(options);
    default:
        Console.Error.WriteLine("usage: Kamino.Bench compare|breakdown [--lines N] [--customers M] [--seed S] [--runs R] [--work DIR] [--no-postgres]");
        return 2;
}
