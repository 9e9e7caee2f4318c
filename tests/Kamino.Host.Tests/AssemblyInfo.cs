// The CLI writes through static consoles (KaminoCli.Out/Error) that the tests swap: run tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
