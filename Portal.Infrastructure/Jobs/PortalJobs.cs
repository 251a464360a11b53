using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Persistence;
using Quartz;

namespace Portal.Infrastructure.Jobs;

/// <summary>
/// The portal's background jobs on Quartz.NET (ADR 0021): an ADO job store in the portal's own database (its QRTZ_ tables come
/// from our migrations), chosen by the same <c>Database:Provider</c> and connection string as the DbContext. SQLite: one
/// non-clustered scheduler (Quartz refuses clustering there). SQL Server: clustered, instance id generated per node, so
/// several portal instances run each firing once. Every job is a thin adapter over an Application use case.
/// </summary>
public static class PortalJobs
{
    public const string SchedulerName = "Portal";
    public const string Group = "portal";

    /// <summary>Registers the scheduler and its hosted service unless <c>Jobs:Enabled</c> is false.</summary>
    public static IServiceCollection AddPortalJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var options = JobsOptions.From(configuration);
        if (!options.Enabled)
        {
            return services;
        }
        var database = DatabaseSettings.From(configuration);
        services.AddSingleton(options);
        services.Configure<QuartzOptions>(o =>
        {
            // Each start writes the configured schedules over the stored ones (an interval changed in configuration takes
            // effect), and a replaced trigger keeps its firing history, so a restart does not fire everything again.
            o.Scheduling.OverwriteExistingData = true;
            o.Scheduling.ScheduleTriggerRelativeToReplacedTrigger = true;
        });
        services.AddQuartz(q => Configure(q, options, database));
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    internal static void Configure(IQuartzBuilder q, JobsOptions options, DatabaseSettings database)
    {
        q.ConfigureScheduler(s =>
        {
            s.InstanceName = SchedulerName;
            // quartz.scheduler.instanceId = AUTO: every node of the cluster needs its own id.
            s.GenerateInstanceId = database.IsSqlServer;
        });
        q.UseDefaultThreadPool(maxConcurrency: options.MaxConcurrency);
        q.UsePersistentStore(store =>
        {
            if (database.IsSqlServer)
            {
                store.UseSqlServer(database.ConnectionString);
                // quartz.jobStore.clustered = true (with database row locks).
                store.UseClustering();
            }
            else
            {
                // Microsoft.Data.Sqlite, the driver EF Core uses. Never clustered: Quartz's own rule for SQLite.
                store.UseSqlite(database.ConnectionString);
            }
            store.UseSystemTextJsonSerializer();
        });

        var firstRun = DateTimeOffset.UtcNow + options.FirstRunAfter;
        Schedule<ExpireTasksJob>(q, ExpireTasksJob.Key, options.ExpireTasksEvery, firstRun, "Voids signing tasks past their deadline");
        Schedule<AutomaticRemindersJob>(q, AutomaticRemindersJob.Key, options.AutomaticRemindersEvery, firstRun, "Automatic reminders of signing tasks");
        Schedule<CertificateExpiryWarningsJob>(q, CertificateExpiryWarningsJob.Key, options.CertificateExpiryWarningsEvery, firstRun,
            "Personal certificate expiry SMS at 30 and 7 days");
        Schedule<AuditCheckpointJob>(q, AuditCheckpointJob.Key, options.AuditCheckpointEvery, firstRun, "Signed checkpoint of the audit chain's head");
    }

    private static void Schedule<TJob>(IQuartzBuilder q, JobKey key, TimeSpan every, DateTimeOffset firstRun, string description) where TJob : class, IJob =>
        q.ScheduleJob<TJob>(
            trigger => trigger
                .WithIdentity(key.Name, key.Group)
                .StartAt(firstRun)
                // A missed firing (every node down, or the database away) runs once as soon as possible, not once per slot
                // missed: each use case does all that is due whenever it runs.
                .WithSimpleSchedule(s => s.WithInterval(every).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)),
            job => job
                .WithIdentity(key)
                .WithDescription(description)
                .DisallowConcurrentExecution());
}
