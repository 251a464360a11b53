// Benchmarks for the signing core; never part of the test run. See README "Benchmarks".
return Portal.Bench.BenchMain.Run(args);
