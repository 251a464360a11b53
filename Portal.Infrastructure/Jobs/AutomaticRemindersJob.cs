using Microsoft.Extensions.Logging;
using Portal.Application.SigningTasks;
using Quartz;

namespace Portal.Infrastructure.Jobs;

/// <summary>Runs <see cref="SendAutomaticReminders"/> (every <c>Jobs:AutomaticRemindersEvery</c>).</summary>
[DisallowConcurrentExecution]
internal sealed class AutomaticRemindersJob(SendAutomaticReminders remind, ILogger<AutomaticRemindersJob> logger) : IJob
{
    public static readonly JobKey Key = new("automatic-task-reminders", PortalJobs.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var reminded = await remind.ExecuteAsync(cancellationToken);
        if (reminded > 0)
        {
            logger.LogInformation("Sent automatic reminders for {Count} signing task(s)", reminded);
        }
    }
}
