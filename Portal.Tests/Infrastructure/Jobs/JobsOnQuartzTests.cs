using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Application.Audit;
using Portal.Application.Domain;
using Portal.Infrastructure.Jobs;
using Portal.Infrastructure.Persistence;
using Portal.Tests.Support;
using Quartz;

namespace Portal.Tests.Infrastructure.Jobs;

/// <summary>
/// The background jobs on Quartz.NET (ADR 0021): the scheduler runs against the job store tables our migrations made in a
/// real SQLite file, and a job fired now has its use case's effect; the store is clustered on SQL Server and never on SQLite.
/// </summary>
public sealed class JobsOnQuartzTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task On_the_migrated_sqlite_file_fired_jobs_void_an_overdue_task_and_sign_an_audit_checkpoint()
    {
        string? connection = null;
        await using var db = await TestDatabase.CreateAsync(seedDemo: true, (services, configuration) =>
        {
            connection = configuration.GetConnectionString("DefaultConnection");
            // Quartz and the use cases share the container's clock: the real one here, so the scheduler's time moves.
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton<IAuditCheckpointSigner>(new SoftwareCheckpointSigner());
            services.AddPortalJobs(new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(new Dictionary<string, string?>
            {
                // The schedules themselves must not fire during the test: only the triggers fired below run.
                ["Jobs:FirstRunAfter"] = "01:00:00",
            }).Build());
        });
        var university = await db.UniversityIdAsync();
        var initiator = await db.UserIdAsync(Demo.UniversitySealAdmin);
        var overdue = Guid.NewGuid();
        await using (var ctx = db.Db(university))
        {
            var yesterday = DateTime.UtcNow.AddDays(-1);
            ctx.SigningTasks.Add(new SigningTask
            {
                Id = overdue,
                OrganizationId = university,
                SpaceId = university,
                Number = "ST-QUARTZ-1",
                Name = "逾期的会议纪要",
                InitiatorUserId = initiator,
                InitiatorName = "李",
                DeadlineDate = DateOnly.FromDateTime(yesterday),
                DeadlineUtc = yesterday,
                Status = SigningTaskStatus.InProgress,
                CreatedAtUtc = yesterday.AddDays(-3),
                SentAtUtc = yesterday.AddDays(-3),
            });
            await ctx.SaveChangesAsync();
        }

        var scheduler = await db.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Start();
        try
        {
            // The four jobs are stored in the portal's database, in the tables of our migration.
            Assert.Equal(4, await CountAsync(connection!, "SELECT COUNT(*) FROM QRTZ_JOB_DETAILS WHERE JOB_GROUP = 'portal'"));

            await scheduler.TriggerJob(ExpireTasksJob.Key);
            await UntilAsync(async () =>
            {
                await using var ctx = db.Db(university);
                return await ctx.SigningTasks.AnyAsync(t => t.Id == overdue && t.Status == SigningTaskStatus.Voided);
            });
            await using (var ctx = db.Db(university))
            {
                var task = await ctx.SigningTasks.AsNoTracking().SingleAsync(t => t.Id == overdue);
                Assert.Equal(TaskVoidKind.Expired, task.VoidKind);
            }

            // Then the checkpoint (after the expiry, whose audit event moved the head): the head gets a signed checkpoint.
            await scheduler.TriggerJob(AuditCheckpointJob.Key);
            await UntilAsync(async () =>
            {
                await using var ctx = db.Db();
                var head = await ctx.AuditChainHeads.SingleAsync();
                return await ctx.AuditCheckpoints.AnyAsync(c => c.Sequence == head.LastSequence);
            });
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: true);
        }
    }

    [Fact]
    public void Sqlite_gets_one_scheduler_without_clustering_and_sql_server_a_clustered_one_with_generated_instance_ids()
    {
        using (var sqlite = Services("Sqlite", "Data Source=unused.db"))
        {
            Assert.False(sqlite.GetRequiredService<IOptions<ClusteringOptions>>().Value.Enabled);
            Assert.False(sqlite.GetRequiredService<IOptions<AdoJobStoreOptions>>().Value.UseDbLocks);
            var scheduler = sqlite.GetRequiredService<IOptions<QuartzSchedulerOptions>>().Value;
            Assert.Equal(PortalJobs.SchedulerName, scheduler.InstanceName);
            Assert.False(scheduler.GenerateInstanceId);
        }
        using (var sqlServer = Services("SqlServer", SqlServerDesignTimeFactory.ConnectionString))
        {
            Assert.True(sqlServer.GetRequiredService<IOptions<ClusteringOptions>>().Value.Enabled);
            Assert.True(sqlServer.GetRequiredService<IOptions<AdoJobStoreOptions>>().Value.UseDbLocks);
            var scheduler = sqlServer.GetRequiredService<IOptions<QuartzSchedulerOptions>>().Value;
            Assert.Equal(PortalJobs.SchedulerName, scheduler.InstanceName);
            Assert.True(scheduler.GenerateInstanceId);
        }
    }

    [Fact]
    public void With_jobs_disabled_no_scheduler_is_registered_and_intervals_come_from_configuration()
    {
        var off = Registrations("Sqlite", "Data Source=unused.db", new() { ["Jobs:Enabled"] = "false" });
        Assert.DoesNotContain(off, d => d.ServiceType == typeof(ISchedulerFactory) || d.ServiceType == typeof(IHostedService));
        var registrations = Registrations("Sqlite", "Data Source=unused.db", new() { ["Jobs:ExpireTasksEvery"] = "00:02:00" });
        Assert.Contains(registrations, d => d.ServiceType == typeof(IHostedService));
        using var on = registrations.BuildServiceProvider();
        Assert.NotNull(on.GetService<ISchedulerFactory>());
        var options = on.GetRequiredService<JobsOptions>();
        Assert.Equal(TimeSpan.FromMinutes(2), options.ExpireTasksEvery);
        Assert.Equal(TimeSpan.FromMinutes(10), options.AuditCheckpointEvery);
        Assert.Throws<InvalidOperationException>(() => JobsOptions.From(Configuration("Sqlite", "x", new() { ["Jobs:AuditCheckpointEvery"] = "00:00:00" })));
    }

    private static IConfiguration Configuration(string provider, string connectionString, Dictionary<string, string?>? extra = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:DefaultConnection"] = connectionString,
        }).AddInMemoryCollection(extra ?? []).Build();

    /// <summary>The jobs' registrations alone (building the container and reading the options opens no database).</summary>
    private static ServiceCollection Registrations(string provider, string connectionString, Dictionary<string, string?>? extra = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPortalJobs(Configuration(provider, connectionString, extra));
        return services;
    }

    private static ServiceProvider Services(string provider, string connectionString) => Registrations(provider, connectionString).BuildServiceProvider();

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Polls until <paramref name="done"/> holds, failing after <see cref="Deadline"/>.</summary>
    private static async Task UntilAsync(Func<Task<bool>> done)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, $"Not done within {Deadline.TotalSeconds:0} s.");
            await Task.Delay(50);
        }
    }

    /// <summary>A software stand-in for the pool's audit key (the HSM adapter is tested on SoftHSM2 elsewhere).</summary>
    private sealed class SoftwareCheckpointSigner : IAuditCheckpointSigner
    {
        private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        public bool IsAvailable => true;

        public Task<(string KeyLabel, byte[] Signature)> SignAsync(byte[] payload, CancellationToken cancellationToken = default) =>
            Task.FromResult(("test-key", _key.SignData(payload, HashAlgorithmName.SHA256)));

        public bool Verify(string keyLabel, byte[] payload, byte[] signature) =>
            keyLabel == "test-key" && _key.VerifyData(payload, signature, HashAlgorithmName.SHA256);
    }
}
