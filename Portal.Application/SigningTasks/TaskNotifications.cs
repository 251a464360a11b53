using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.SigningTasks;

/// <summary>
/// The task's SMS (through the catalog): a participant's turn, reminders, and completed / refused / revoked / expired to
/// everyone concerned. Queued with <see cref="WriteContext.AfterCommit(Func{Task})"/>: sent only when the change committed.
/// </summary>
public sealed class TaskNotifications(SmsNotifier sms, SmsOptions options, IPortalDbContextFactory dbFactory)
{
    public string Link(Guid taskId) => options.Link($"signing/tasks/{taskId}");

    public void TurnStarted(WriteContext w, SigningTask task, IEnumerable<TaskParticipant> participants) =>
        Queue(w, participants.Select(p => p.UserId), SmsMessages.TaskTurn(task.InitiatorName, task.Name, Link(task.Id)));

    public void Reminded(WriteContext w, SigningTask task, IEnumerable<TaskParticipant> participants, string note) =>
        Queue(w, participants.Select(p => p.UserId), SmsMessages.TaskReminder(task.InitiatorName, task.Name, note, Link(task.Id)));

    /// <summary>Completed, refused, revoked or expired: the initiator, every participant whose turn came, and CC.</summary>
    public void Ended(WriteContext w, SigningTask task, SmsMessage message, Guid? except = null) =>
        Queue(w, Concerned(task).Where(u => u != except), message);

    public static IEnumerable<Guid?> Concerned(SigningTask task) =>
        new Guid?[] { task.InitiatorUserId }
            .Concat(task.Participants.Where(p => p.ActivatedAtUtc != null).Select(p => p.UserId))
            .Concat(task.CcRecipients.Select(c => (Guid?)c.UserId))
            .Distinct();

    private void Queue(WriteContext w, IEnumerable<Guid?> userIds, SmsMessage message)
    {
        var ids = userIds.OfType<Guid>().Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }
        w.AfterCommit(async () =>
        {
            List<string?> phones;
            await using (var db = dbFactory.CreateForScope(null, null))
            {
                phones = await db.Users.Where(u => ids.Contains(u.Id)).Select(u => u.UserName).ToListAsync();
            }
            foreach (var phone in phones.OfType<string>())
            {
                await sms.SendAsync(phone, message);
            }
        });
    }
}
