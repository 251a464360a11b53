// Collections run one after another: the SoftHSM2 collection's shared pool broke (tokens marked down for the rest of
// the run) when other collections ran beside it on this 2-core machine; see the session note. Within a collection
// tests were already sequential.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
