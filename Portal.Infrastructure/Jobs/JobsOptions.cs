using Microsoft.Extensions.Configuration;

namespace Portal.Infrastructure.Jobs;

/// <summary>
/// The <c>Jobs</c> section: whether this instance runs the scheduler, and how often each job fires (ADR 0021). Intervals are
/// <see cref="TimeSpan"/>s (<c>"00:05:00"</c>, <c>"1.00:00:00"</c>); the defaults are the ones in appsettings.json.
/// </summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>False: no Quartz scheduler in this process (the test hosts; an instance that only serves pages).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Voids signing tasks past their deadline (<c>ExpireTasks</c>).</summary>
    public TimeSpan ExpireTasksEvery { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Automatic reminders of tasks in progress (<c>SendAutomaticReminders</c>).</summary>
    public TimeSpan AutomaticRemindersEvery { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Personal certificate expiry SMS at 30 and 7 days (<c>SendExpiryWarnings</c>).</summary>
    public TimeSpan CertificateExpiryWarningsEvery { get; set; } = TimeSpan.FromDays(1);

    /// <summary>A signed checkpoint of the audit chain's head, if it has none (<c>CheckpointAuditChain</c>, ADR 0018).</summary>
    public TimeSpan AuditCheckpointEvery { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long after a first start the jobs first fire (later starts keep each trigger's own history).</summary>
    public TimeSpan FirstRunAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Worker threads of the scheduler: the four jobs are short, and each never runs twice at once.</summary>
    public int MaxConcurrency { get; set; } = 2;

    public static JobsOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<JobsOptions>() ?? new JobsOptions();
        foreach (var (name, every) in new[]
                 {
                     (nameof(ExpireTasksEvery), options.ExpireTasksEvery),
                     (nameof(AutomaticRemindersEvery), options.AutomaticRemindersEvery),
                     (nameof(CertificateExpiryWarningsEvery), options.CertificateExpiryWarningsEvery),
                     (nameof(AuditCheckpointEvery), options.AuditCheckpointEvery),
                 })
        {
            if (every < TimeSpan.FromSeconds(1))
            {
                throw new InvalidOperationException($"{Section}:{name} must be at least one second (it is {every}).");
            }
        }
        if (options.FirstRunAfter < TimeSpan.Zero || options.MaxConcurrency < 1)
        {
            throw new InvalidOperationException($"{Section}:{nameof(FirstRunAfter)} must not be negative and {Section}:{nameof(MaxConcurrency)} at least 1.");
        }
        return options;
    }
}
