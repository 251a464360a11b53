using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Application;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Seeding;
using Portal.Application.Signing;
using Portal.Application.SigningPins;
using Portal.Infrastructure;
using Portal.Infrastructure.Persistence;
using Portal.Signing.Pkcs11;
using Portal.Signing.Pki;

namespace Portal.Bench;

/// <summary>
/// `sign-usecase [--callers 1,4,16] [--count 200]`: the signing use case end to end (PIN check, policy, HSM signature,
/// file, ledger, audit, commit) as the portal runs it — Application + Infrastructure over a SQLite file and a SoftHSM2
/// pool of two tokens, all under TMPDIR — with N callers signing at once; one line per level.
/// </summary>
internal static class SignUseCaseBench
{
    private const string Signer = "13800000003"; // the demo seed's 王强, who holds a grant on the contract seal

    public static int Run(string[] args)
    {
        var callers = (Option(args, "--callers") ?? "1,4,16").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var count = int.Parse(Option(args, "--count") ?? "200", CultureInfo.InvariantCulture);
        var dir = Path.Combine(Path.GetTempPath(), "portal-bench-usecase-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            return RunAsync(dir, callers, count).GetAwaiter().GetResult();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static async Task<int> RunAsync(string dir, int[] levels, int count)
    {
        var pins = HsmBench.OpenOrCreateTokens(Path.Combine(dir, "hsm"), ["usecase-a", "usecase-b"]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:DefaultConnection"] = $"Data Source={Path.Combine(dir, "portal.db")}",
            ["Storage:FilesPath"] = Path.Combine(dir, "files"),
            ["Hsm:Module"] = "/usr/lib/softhsm/libsofthsm2.so",
            ["Hsm:Tokens:0"] = "usecase-a",
            ["Hsm:Tokens:1"] = "usecase-b",
            ["Hsm:SessionsPerToken"] = "4",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error));
        services.AddSingleton<IPinProvider>(pins);
        services.AddApplication();
        services.AddInfrastructure(configuration);
        services.AddDevelopmentStandIns();
        services.AddSingleton<Portal.Application.Common.ISpaceAccessNotifier, NoOpenSessions>();
        services.AddPortalIdentityCore();
        // A Monday 10:00 in Shanghai that moves on with the wall clock: inside the demo policies' days and hours whenever
        // the bench runs.
        services.AddSingleton<TimeProvider>(new MovingClock(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero)));
        await using var provider = services.BuildServiceProvider();

        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        }
        await provider.GetRequiredService<PlatformCa>().InitializeAsync();
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeed>().RunAsync();
        }
        Guid signer;
        Guid sealId;
        await using (var scope = provider.CreateAsyncScope())
        {
            await using var db = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateForScope(null, null);
            foreach (var user in await db.Users.ToListAsync())
            {
                // Real-name verification is another flow; the bench's signer is simply verified.
                user.RealNameVerifiedAtUtc ??= new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
            }
            await db.SaveChangesAsync();
            signer = await db.Users.Where(u => u.UserName == Signer).Select(u => u.Id).SingleAsync();
            var org = await db.Organizations.Where(o => o.Uscc == DemoSeed.EnterpriseUscc).Select(o => o.Id).SingleAsync();
            await using var inOrg = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateForScope(org, null);
            sealId = await inOrg.Seals.Where(s => s.Type == SealType.Contract).Select(s => s.Id).SingleAsync();
        }

        var pdf = PdfBench.MakeDocument(3);
        var command = new SignWithSealCommand(sealId, "采购合同.pdf", pdf, [new StampSpec(StampKind.Single, 1, 300, 200)], new PinProof(DemoSeed.SigningPin));
        Console.WriteLine($"sign-usecase: SignWithSeal on SQLite ({dir}) and SoftHSM2 (2 tokens), {Environment.ProcessorCount} cores, {pdf.Length / 1024.0:0.0} KB 3-page PDF, {count} signings per level");

        // Warm-up: JIT, connection pool, HSM sessions.
        await MeasureAsync(provider, signer, command, 2, 10);
        foreach (var callers in levels)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var (perSec, p50, p95, errors, firstError) = await MeasureAsync(provider, signer, command, callers, count);
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"callers={callers} per_sec={perSec:0.0} p50_ms={p50:0} p95_ms={p95:0} errors={errors}"));
            // On stderr, to read the line above on a shared machine: the CPU this process got per signing (the PIN's PBKDF2 is
            // most of it), and how much of the two cores it used.
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  cpu_ms_per_sign={cpu.TotalMilliseconds / count:0.0} cores_used={cpu.TotalMilliseconds / 1000 * perSec / count:0.00}"));
            if (firstError is not null)
            {
                Console.Error.WriteLine($"  first error: {firstError}");
            }
        }
        return 0;
    }

    private static async Task<(double PerSec, double P50, double P95, int Errors, string? FirstError)> MeasureAsync(IServiceProvider provider,
        Guid signer, SignWithSealCommand command, int callers, int count)
    {
        var latencies = new List<double>(count);
        var errors = 0;
        string? firstError = null;
        var next = -1;
        var wall = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                var sw = Stopwatch.StartNew();
                string? error;
                try
                {
                    await using var scope = provider.CreateAsyncScope();
                    scope.ServiceProvider.GetRequiredService<MutableCurrentUser>().Set(signer, [], "127.0.0.1", "bench");
                    var result = await scope.ServiceProvider.GetRequiredService<SignWithSeal>().ExecuteAsync(command);
                    error = result.Succeeded ? null : result.Error!.ToString();
                }
                catch (Exception e)
                {
                    error = e.GetType().Name + ": " + e.Message;
                }
                lock (latencies)
                {
                    latencies.Add(sw.Elapsed.TotalMilliseconds);
                    if (error is not null)
                    {
                        errors++;
                        firstError ??= error;
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var seconds = wall.Elapsed.TotalSeconds;
        latencies.Sort();
        return (count / seconds, Percentile(latencies, 50), Percentile(latencies, 95), errors, firstError);
    }

    private static double Percentile(List<double> sorted, int p) =>
        sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1))];

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>A clock that starts at a chosen instant and runs with real time.</summary>
    private sealed class MovingClock(DateTimeOffset start) : TimeProvider
    {
        private readonly long _origin = Stopwatch.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => start + Stopwatch.GetElapsedTime(_origin);
    }
}
