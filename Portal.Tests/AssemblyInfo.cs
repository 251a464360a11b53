// Each test class is its own collection, and collections run in parallel (two at a time on a 2-core machine): SQLite
// tests each have their own database file and temp folder. The SoftHSM2 collection (its tests one after the other) starts
// first and runs beside the others (LongestCollectionFirst); the E2E collection is marked DisableParallelization, so xunit
// runs it after the parallel ones, alone: Chromium plus a Kestrel portal is the heaviest thing in the suite.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerClass, DisableTestParallelization = false, MaxParallelThreads = 2)]
[assembly: TestCollectionOrderer("Portal.Tests.Support.LongestCollectionFirst", "Portal.Tests")]
