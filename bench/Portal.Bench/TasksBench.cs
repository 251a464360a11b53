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
using Portal.Application.SigningTasks;
using Portal.Infrastructure;
using Portal.Infrastructure.Persistence;

namespace Portal.Bench;

/// <summary>
/// `tasks [--tasks 100000] [--runs 50]`: the signing-task lists at scale. A migrated SQLite file under TMPDIR with the demo
/// seed, then N tasks bulk-seeded in 示例学院 (two participants each, in every state); the measured user (计算机学院's head)
/// takes part in an eighth of them and initiates and is copied on others. Each of the seven lists (and the owner's
/// organization list) runs through <see cref="ListTasks"/> as the pages call it — first page, default sort, total count —
/// and prints `list=NAME p95_ms=…`. No portal and no HSM.
/// </summary>
internal static class TasksBench
{
    private const string Measured = "13700000003";
    private const string Owner = "13700000001";

    public static int Run(string[] args)
    {
        var count = int.Parse(Option(args, "--tasks") ?? "100000", CultureInfo.InvariantCulture);
        var runs = int.Parse(Option(args, "--runs") ?? "50", CultureInfo.InvariantCulture);
        var dir = Path.Combine(Path.GetTempPath(), "portal-bench-tasks-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            return RunAsync(dir, count, runs).GetAwaiter().GetResult();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                // BENCH_KEEP keeps the database for EXPLAIN QUERY PLAN.
                if (Environment.GetEnvironmentVariable("BENCH_KEEP") is null)
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static async Task<int> RunAsync(string dir, int count, int runs)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:DefaultConnection"] = $"Data Source={Path.Combine(dir, "portal.db")}",
            ["Storage:FilesPath"] = Path.Combine(dir, "files"),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error)
            .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", Environment.GetEnvironmentVariable("BENCH_SQL") is null ? LogLevel.Error : LogLevel.Information));
        services.AddApplication();
        services.AddInfrastructure(configuration);
        services.AddDevelopmentStandIns();
        services.AddSingleton<Portal.Application.Common.ISpaceAccessNotifier, NoOpenSessions>();
        services.AddPortalIdentityCore();
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
            await scope.ServiceProvider.GetRequiredService<DemoSeed>().RunAsync();
        }
        Guid org, me, owner;
        List<(Guid Id, string Name)> members;
        await using (var db = provider.GetRequiredService<IPortalDbContextFactory>().CreateForScope(null, null))
        {
            org = await db.Organizations.Where(o => o.Uscc == DemoSeed.UniversityUscc).Select(o => o.Id).SingleAsync();
            me = await db.Users.Where(u => u.UserName == Measured).Select(u => u.Id).SingleAsync();
            owner = await db.Users.Where(u => u.UserName == Owner).Select(u => u.Id).SingleAsync();
            foreach (var u in await db.Users.Where(u => u.Id == me || u.Id == owner).ToListAsync())
            {
                u.CurrentOrganizationId = org;
            }
            await db.SaveChangesAsync();
            members = (await db.Memberships.IgnoreQueryFilters().Where(m => m.OrganizationId == org).Select(m => new { m.UserId, m.Name }).ToListAsync())
                .Select(m => (m.UserId, m.Name)).ToList();
        }

        var seeding = Stopwatch.StartNew();
        var involved = await SeedAsync(provider, org, me, members, count);
        seeding.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tasks: {count} tasks in one organization seeded in {seeding.Elapsed.TotalSeconds:0} s; measured user takes part in {involved} ({Environment.ProcessorCount} cores, SQLite {dir})"));

        foreach (var list in Enum.GetValues<TaskList>())
        {
            var user = list == TaskList.Organization ? owner : me;
            var (p50, p95, total) = await MeasureAsync(provider, user, new TaskListQuery(list), runs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"list={list} p95_ms={p95:0.0} p50_ms={p50:0.0} total={total}"));
        }
        var (sp50, sp95, stotal) = await MeasureAsync(provider, me, new TaskListQuery(TaskList.Completed, Search: "纪要 7"), runs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"list=Completed+search p95_ms={sp95:0.0} p50_ms={sp50:0.0} total={stotal}"));
        return 0;
    }

    private static async Task<(double P50, double P95, int Total)> MeasureAsync(IServiceProvider provider, Guid user, TaskListQuery query, int runs)
    {
        var times = new List<double>(runs);
        var total = 0;
        for (var i = -3; i < runs; i++)
        {
            await using var scope = provider.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<MutableCurrentUser>().Set(user, [], "127.0.0.1", "bench");
            var sw = Stopwatch.StartNew();
            var page = await scope.ServiceProvider.GetRequiredService<ListTasks>().ExecuteAsync(query);
            sw.Stop();
            if (!page.Succeeded)
            {
                throw new InvalidOperationException(page.Error!.ToString());
            }
            total = page.Value!.Total;
            if (i >= 0)
            {
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
        }
        times.Sort();
        return (times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1], total);
    }

    /// <summary>Bulk seeding through EF (change tracking off, batches in their own transactions); returns the measured user's participations.</summary>
    private static async Task<int> SeedAsync(IServiceProvider provider, Guid org, Guid me, List<(Guid Id, string Name)> members, int count)
    {
        var others = members.Where(m => m.Id != me).ToList();
        var myName = members.Single(m => m.Id == me).Name;
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var random = new Random(14);
        var involved = 0;
        const int Batch = 5000;
        for (var from = 0; from < count; from += Batch)
        {
            await using var db = provider.GetRequiredService<IPortalDbContextFactory>().CreateForScope(org, null);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var tx = await db.BeginWriteTransactionAsync();
            for (var i = from; i < Math.Min(count, from + Batch); i++)
            {
                var created = start.AddMinutes(i * 5);
                var initiator = i % 20 == 0 ? (me, myName) : others[i % others.Count];
                var status = (i % 10) switch
                {
                    < 4 => SigningTaskStatus.InProgress,
                    < 7 => SigningTaskStatus.Completed,
                    < 9 => SigningTaskStatus.Voided,
                    _ => SigningTaskStatus.Draft,
                };
                var task = new SigningTask
                {
                    Id = Guid.NewGuid(),
                    OrganizationId = org,
                    SpaceId = org,
                    Number = string.Create(CultureInfo.InvariantCulture, $"ST{created:yyyyMMdd}{i:000000}"),
                    Name = $"会议纪要 {i}",
                    BusinessTypeName = "多人会签",
                    InitiatorUserId = initiator.Item1,
                    InitiatorName = initiator.Item2,
                    Order = SigningOrder.Sequential,
                    DeadlineDate = DateOnly.FromDateTime(created.AddDays(30)),
                    DeadlineUtc = created.AddDays(30),
                    Status = status,
                    VoidKind = status == SigningTaskStatus.Voided ? (TaskVoidKind)(1 + i % 3) : null,
                    CreatedAtUtc = created,
                    SentAtUtc = status == SigningTaskStatus.Draft ? null : created,
                    CurrentStep = 1,
                };
                // The measured user takes part in every eighth task; the other participants rotate through the directory.
                var mine = i % 8 == 0;
                involved += mine && status != SigningTaskStatus.Draft ? 1 : 0;
                var first = mine ? (me, myName) : others[random.Next(others.Count)];
                var second = others[(i + 1) % others.Count];
                if (second.Item1 == first.Item1)
                {
                    second = others[(i + 2) % others.Count];
                }
                var firstState = status switch
                {
                    SigningTaskStatus.Draft => ParticipantState.Waiting,
                    SigningTaskStatus.InProgress => i % 3 == 0 ? ParticipantState.Active : ParticipantState.Finished,
                    SigningTaskStatus.Voided => ParticipantState.Refused,
                    _ => ParticipantState.Finished,
                };
                var secondState = status switch
                {
                    SigningTaskStatus.Completed => ParticipantState.Finished,
                    SigningTaskStatus.InProgress when firstState == ParticipantState.Finished => ParticipantState.Active,
                    _ => ParticipantState.Waiting,
                };
                db.SigningTasks.Add(task);
                db.TaskParticipants.Add(Participant(task, first, 0, firstState, created));
                db.TaskParticipants.Add(Participant(task, second, 1, secondState, created));
                if (i % 50 == 7)
                {
                    db.TaskCcRecipients.Add(new TaskCcRecipient { Id = Guid.NewGuid(), TaskId = task.Id, OrganizationId = org, UserId = me, Name = myName });
                }
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        await using (var db = provider.GetRequiredService<IPortalDbContextFactory>().CreateForScope(org, null))
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        }
        return involved;
    }

    private static TaskParticipant Participant(SigningTask task, (Guid Id, string Name) who, int position, ParticipantState state, DateTime created) => new()
    {
        Id = Guid.NewGuid(),
        TaskId = task.Id,
        OrganizationId = task.OrganizationId,
        Kind = ParticipantKind.Member,
        UserId = who.Id,
        Name = who.Name,
        TaskStatus = task.Status,
        Step = position + 1,
        Position = position,
        State = state,
        Round = state == ParticipantState.Waiting ? 0 : 1,
        Signatures = state == ParticipantState.Finished ? 1 : 0,
        ActivatedAtUtc = state == ParticipantState.Waiting ? null : created,
    };

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
