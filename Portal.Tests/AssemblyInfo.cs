// Each test class is its own collection, and collections run in parallel (two at a time on a 2-core machine): SQLite
// tests each have their own database file and temp folder. The SoftHSM2 and E2E collections are marked
// DisableParallelization, so xunit runs them after the parallel ones, one after the other and alone: the shared
// SoftHSM2 pool broke (tokens marked down for the rest of the run) when other work ran beside it on 2 cores, and
// Chromium plus a Kestrel portal is the heaviest thing in the suite.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerClass, DisableTestParallelization = false, MaxParallelThreads = 2)]
